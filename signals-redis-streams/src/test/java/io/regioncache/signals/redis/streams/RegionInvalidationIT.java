package io.regioncache.signals.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.Invalidation;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * End to end with cache-core: two processes (two caches on one Redis and key prefix, each with its
 * own RedisStreamSignals) bind the same region to one stream, so they share one consumer group and
 * between them apply each entry once.
 */
class RegionInvalidationIT {

    private final String prefix = TestRedis.uniquePrefix(RegionInvalidationIT.class);
    private final String stream = prefix + "user-events";
    private final RegionCache cacheA = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).build();
    private final RegionCache cacheB = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).build();
    private final RedisStreamSignals streamsA = RedisStreamSignals.create(TestRedis.url());
    private final RedisStreamSignals streamsB = RedisStreamSignals.create(TestRedis.url());

    @AfterEach
    void close() {
        streamsA.close();
        streamsB.close();
        cacheA.close();
        cacheB.close();
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void twoProcessesBoundToOneStreamPurgeEachKeyOnceBetweenThem() {
        AtomicInteger applied = new AtomicInteger();
        Region<Object> usersA = cacheA.region("users");
        Region<Object> usersB = cacheB.region("users");
        usersA.invalidateOn(streamsA.stream(stream), event -> {
            applied.incrementAndGet();
            return Invalidation.keys(List.of(event.key()));
        });
        usersB.invalidateOn(streamsB.stream(stream), event -> {
            applied.incrementAndGet();
            return Invalidation.keys(List.of(event.key()));
        });
        IntStream.range(0, 60).forEach(i -> usersA.put("user-" + i, "profile " + i));

        IntStream.range(0, 50).forEach(i -> streamsA.publish(stream, "user-" + i, "saved"));

        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> usersB.size() == 10);
        assertThat(usersB.keys()).containsExactlyInAnyOrderElementsOf(
                IntStream.range(50, 60).mapToObj(i -> "user-" + i).toList());
        await().pollInSameThread().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(applied).as("rule calls: each entry once, in one process").hasValue(50));
        long pending = TestRedis.withCommands(redis -> redis.xpending(stream, groupOf(redis)).getCount());
        assertThat(pending).as("every entry acknowledged").isZero();
    }

    /** The one group the two bindings share, whatever name cache-core derives for it. */
    private String groupOf(io.lettuce.core.api.sync.RedisCommands<String, String> redis) {
        List<Object> groups = redis.xinfoGroups(stream);
        assertThat(groups).as("one consumer group for both processes").hasSize(1);
        return String.valueOf(((List<?>) groups.get(0)).get(1));
    }
}

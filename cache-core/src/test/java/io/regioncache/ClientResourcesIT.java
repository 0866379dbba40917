package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lent Lettuce resources are borrowed, never shut down; without them the caches of a JVM share one set. */
class ClientResourcesIT {

    /** Lettuce names its event-loop threads {@code lettuce-nioEventLoop-<group>-<thread>}. */
    private static final Pattern EVENT_LOOP = Pattern.compile("lettuce-\\w*EventLoop-(\\d+)-\\d+");

    private final String prefix = TestRedis.uniquePrefix(ClientResourcesIT.class);

    @AfterEach
    void deleteKeys() {
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void lentResourcesStayOpenAfterTheCacheCloses() {
        ClientResources lent = DefaultClientResources.create();
        try {
            try (RegionCache cache = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).clientResources(lent).build()) {
                cache.region("r").put("k", "v");
                assertThat(cache.region("r").get("k")).isEqualTo("v");
            }

            assertThat(lent.eventExecutorGroup().isShuttingDown()).isFalse();
            RedisClient client = RedisClient.create(lent, TestRedis.url());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                assertThat(connection.sync().ping()).isEqualTo("PONG");
            } finally {
                client.shutdown();
            }
        } finally {
            lent.shutdown().syncUninterruptibly();
        }
    }

    @Test
    void cachesWithoutLentResourcesShareOneSetUntilTheLastOneCloses() {
        String url = TestRedis.url(); // finding the test Redis may start threads of its own (a Docker probe)
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        RegionCache first = RegionCache.builder().redisUrl(url).keyPrefix(prefix).build();
        RegionCache second = RegionCache.builder().redisUrl(url).keyPrefix(prefix).build();
        first.region("r").put("k", "v");
        second.region("s").put("k", "v");

        assertThat(eventLoopGroupsStartedSince(before)).as("one event-loop group for both caches").hasSizeLessThanOrEqualTo(1);
        first.close();
        assertThat(second.region("r").get("k")).as("closing one cache leaves the shared set to the other").isEqualTo("v");
        second.close();

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> !before.contains(thread) && thread.isAlive()).isEmpty());
    }

    private static Set<String> eventLoopGroupsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .map(thread -> EVENT_LOOP.matcher(thread.getName()))
                .filter(Matcher::matches)
                .map(matcher -> matcher.group(1))
                .collect(Collectors.toSet());
    }
}

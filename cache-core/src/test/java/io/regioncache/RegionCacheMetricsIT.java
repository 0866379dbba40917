package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.regioncache.metrics.RegionCacheMetrics;
import io.regioncache.signals.LocalSignal;
import io.regioncache.signals.Signals;
import io.regioncache.testsupport.RedisServerProcess;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** RegionCacheMetrics on a SimpleMeterRegistry, against a real Redis (one test stops its own). */
@ExtendWith(ExpectedOutageLog.class)
class RegionCacheMetricsIT {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void theCachesStatsArePublishedUnderMicrometersCacheConventions() {
        String prefix = TestRedis.uniquePrefix(RegionCacheMetricsIT.class);
        LocalSignal saved = Signals.named("metrics-" + UUID.randomUUID());
        try (RegionCache cache = RegionCacheMetrics.monitor(registry,
                RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).build(), "catalog")) {
            Region<Object> region = cache.region("products.lamps");
            region.put("a", 1);
            region.get("a");
            region.get("missing");
            region.getOrCompute("b", () -> 2);
            region.invalidateOn(saved);
            saved.send("changed");

            assertThat(count("cache.gets", "result", "hit")).isEqualTo(1);
            assertThat(count("cache.gets", "result", "miss")).isEqualTo(2);
            assertThat(count("cache.puts", null, null)).isEqualTo(2);
            assertThat(count("cache.loads", "result", "success")).isEqualTo(1);
            assertThat(count("cache.loads", "result", "failure")).isZero();
            assertThat(count("cache.evictions", null, null)).isEqualTo(1);
            assertThat(count("cache.near.gets", "result", "hit")).isZero();
            assertThat(count("cache.stale.writes.refused", null, null)).isZero();
            assertThat(count("cache.degraded.operations", null, null)).isZero();
            assertThat(count("cache.codec.failures", null, null)).isZero();
            assertThat(registry.get("cache.signal.purge.lag").tag("cache", "catalog").tag("transport", "local").timer().count())
                    .isEqualTo(1);
            assertThat(registry.get("cache.signal.purge.lag").timer().totalTime(TimeUnit.SECONDS)).isLessThan(5);
            assertThat(tagKeys()).as("bounded tags: never a region's name").containsOnly("cache", "result", "transport");
            assertThat(registry.getMeters()).extracting(meter -> meter.getId().getTag("cache")).containsOnly("catalog");
        } finally {
            TestRedis.deleteKeys(prefix);
        }
    }

    @Test
    void pendingRetriesAndDegradedOperationsShowWhileRedisIsDown() {
        LocalSignal saved = Signals.named("metrics-" + UUID.randomUUID());
        try (RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning");
             RegionCache cache = RegionCacheMetrics.monitor(registry, RegionCache.connect(server.url()), "sessions")) {
            Region<Object> region = cache.region("users");
            region.invalidateOn(saved);
            server.stop();

            await().atMost(Duration.ofSeconds(10)).until(() -> region.get("k") == null && count("cache.degraded.operations", null, null) > 0);
            saved.send("changed");

            assertThat(registry.get("cache.invalidation.retries.pending").gauge().value()).isEqualTo(1);
            server.restart();
            await().atMost(Duration.ofSeconds(15)).until(() -> registry.get("cache.invalidation.retries.pending").gauge().value() == 0);
            assertThat(registry.get("cache.signal.purge.lag").tag("transport", "local").timer().count()).isEqualTo(1);
        }
    }

    /** A function counter's count; each test has a registry of its own, so the name and result find it. */
    private double count(String name, String tagKey, String tagValue) {
        var search = registry.get(name);
        if (tagKey != null) {
            search = search.tag(tagKey, tagValue);
        }
        return search.functionCounter().count();
    }

    private Set<String> tagKeys() {
        return registry.getMeters().stream().flatMap(meter -> meter.getId().getTags().stream()).map(Tag::getKey)
                .collect(Collectors.toSet());
    }
}

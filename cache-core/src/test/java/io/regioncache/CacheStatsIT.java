package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.RedisServerProcess;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RegionCache#stats()} on Redis: degraded operations, and stats switched off. */
@ExtendWith(ExpectedOutageLog.class)
class CacheStatsIT {

    @Test
    void operationsThatDegradeAreCounted() {
        try (RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning");
             RegionCache cache = RegionCache.connect(server.url()); CapturedLog log = new CapturedLog()) {
            Region<Object> region = cache.region("r");
            region.put("k", "v");
            assertThat(region.get("k")).isEqualTo("v");
            server.stop();

            await().atMost(Duration.ofSeconds(10)).until(() -> region.get("k") == null);
            region.put("k", "dropped");

            CacheStats stats = cache.stats();
            assertThat(stats.hits()).isEqualTo(1);
            assertThat(stats.degradedOperations()).isGreaterThanOrEqualTo(2).isEqualTo(stats.misses() + 1);
            assertThat(cache.puts()).as("a dropped write is no put").isEqualTo(1);
        }
    }

    @Test
    void statsSwitchedOffStayZero() {
        String prefix = TestRedis.uniquePrefix(CacheStatsIT.class);
        try (RegionCache cache = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).recordStats(false).build()) {
            Region<Object> region = cache.region("r");
            region.put("k", "v");
            region.get("k");
            region.getOrCompute("other", () -> "loaded");
            region.invalidate();

            assertThat(cache.stats()).isEqualTo(new CacheStats(0, 0, 0, 0, 0, 0, 0, 0));
            assertThat(cache.puts()).isZero();
        } finally {
            TestRedis.deleteKeys(prefix);
        }
    }
}

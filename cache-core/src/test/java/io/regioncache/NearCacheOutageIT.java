package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Under DEGRADE the near cache does not outlive the connection: once Redis is gone its entries are
 * dropped (reads are degraded misses), and after Redis comes back empty nothing old is served.
 */
@ExtendWith(ExpectedOutageLog.class)
class NearCacheOutageIT {

    @Test
    void nearEntriesAreDroppedWhenRedisGoesAwayAndNotServedAfterItComesBack() {
        try (RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning");
             RegionCache cache = RegionCache.builder().redisUrl(server.url()).nearCacheSize(100).build()) {
            Region<String> region = cache.region("users", RegionOptions.of(Codecs.utf8()));
            region.put("name", "Ada");
            Faults.awaitNearHit(cache, region, "name", "Ada");

            server.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> region.get("name") == null);
            assertThat(cache.stats().degradedOperations()).isPositive();

            server.restart();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                region.put("other", "written after the restart");
                return "written after the restart".equals(region.get("other"));
            });
            assertThat(region.get("name")).as("Redis came back empty").isNull();
        }
    }
}

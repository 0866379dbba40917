package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Property 6 of docs/design.md against a private redis-server killed and restarted under a live cache:
 * reads degrade (or raise), invalidate throws, and the same cache recovers by itself, scripts
 * included (the restarted server has forgotten them).
 */
@ExtendWith(ExpectedOutageLog.class)
class RedisRestartIT {

    private final RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning");

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aDegradingCacheServesMissesWhileRedisIsDownAndRecovers() {
        try (RegionCache cache = RegionCache.connect(server.url())) {
            Region<Object> region = cache.region("r");
            region.put("k", "before");

            server.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> region.get("k") == null);
            region.put("k", "dropped");
            assertThat(region.getOrCompute("k", () -> "loaded")).isEqualTo("loaded");
            assertThatThrownBy(region::invalidate).isInstanceOf(CacheUnavailableException.class);

            server.restart();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                region.put("k", "after");
                assertThat(region.get("k")).isEqualTo("after");
            });
            region.region("child").put("k", 1);
            region.invalidate();
            assertThat(region.region("child").get("k")).isNull();
        }
    }

    @Test
    void aRaisingCacheThrowsWhileRedisIsDownAndRecovers() {
        try (RegionCache cache = RegionCache.builder().redisUrl(server.url()).failurePolicy(FailurePolicy.RAISE).build()) {
            Region<Object> region = cache.region("r");
            region.put("k", "before");

            server.stop();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> region.get("k")).isInstanceOf(CacheUnavailableException.class));
            assertThatThrownBy(() -> region.put("k", "v")).isInstanceOf(CacheUnavailableException.class);
            assertThatThrownBy(() -> region.getOrCompute("k", () -> "v")).isInstanceOf(CacheUnavailableException.class);
            assertThatThrownBy(region::invalidate).isInstanceOf(CacheUnavailableException.class);

            server.restart();
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                region.put("k", "after");
                assertThat(region.get("k")).isEqualTo("after");
            });
        }
    }

    @Test
    void aDroppedConnectionIsReestablishedAndNamed() {
        try (RegionCache cache = RegionCache.connect(server.url())) {
            Region<Object> region = cache.region("r");
            region.put("k", "kept");
            String before = server.withCommands(redis -> redis.clientList());

            long killed = server.withCommands(redis -> redis.clientKill(KillArgs.Builder.typeNormal()));

            assertThat(before).contains("name=" + LazyRedisConnection.CLIENT_NAME);
            assertThat(killed).isPositive();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(region.get("k")).isEqualTo("kept"));
        }
    }
}

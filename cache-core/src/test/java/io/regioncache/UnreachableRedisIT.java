package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Property 6 of docs/design.md against a Redis that is not there: a private server's port, stopped.
 * DEGRADE builds and serves misses; RAISE refuses to build; invalidate always throws.
 */
@ExtendWith(ExpectedOutageLog.class)
class UnreachableRedisIT {

    private static RedisServerProcess server;

    @BeforeAll
    static void reserveAPortWithNothingOnIt() {
        server = RedisServerProcess.start("--loglevel", "warning");
        server.stop();
    }

    @AfterAll
    static void release() {
        server.close();
    }

    @Test
    void underDegradeReadsMissAndWritesAreDropped() {
        try (CapturedLog log = new CapturedLog();
             RegionCache cache = RegionCache.builder().redisUrl(server.url()).commandTimeout(Duration.ofMillis(500)).build()) {
            assertThat(log.lines("WARN")).singleElement().asString().contains("the cache starts degraded");
            Region<Object> region = cache.region("r");

            region.put("k", 1);
            region.putAll(Map.of("a", 1));
            region.transaction(tx -> tx.put("t", 1));
            region.resetTimeout();
            assertThat(region.get("k")).isNull();
            assertThat(region.getAll(List.of("k"))).isEmpty();
            assertThat(region.containsKey("k")).isFalse();
            assertThat(region.remove("k")).isFalse();
            assertThat(region.putIfAbsent("k", 2)).as("dropped, and nothing there to return").isNull();
            assertThat(region.keys()).isEmpty();
            assertThat(region.size()).isZero();
            assertThat(region.children()).isEmpty();
            assertThat(region.timeToLive()).isEmpty();
            assertThat(region.getOrCompute("k", () -> "loaded")).isEqualTo("loaded");
        }
    }

    @Test
    void invalidateThrowsUnderEveryPolicy() {
        try (RegionCache cache = RegionCache.connect(server.url())) {
            assertThatThrownBy(() -> cache.region("r").invalidate()).isInstanceOf(CacheUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port());
            assertThatThrownBy(cache::clear).isInstanceOf(CacheUnavailableException.class);
        }
    }

    @Test
    void underRaiseTheBuildFailsFast() {
        RegionCache.Builder builder = RegionCache.builder().redisUrl(server.url()).failurePolicy(FailurePolicy.RAISE);

        assertThatThrownBy(builder::build).isInstanceOf(CacheUnavailableException.class)
                .hasMessageContaining("redis://127.0.0.1:" + server.port() + "/0").hasCauseInstanceOf(RuntimeException.class);
    }

    @Test
    void aDegradedCacheConnectsOnceRedisAnswers() {
        try (RegionCache cache = RegionCache.connect(server.url())) {
            assertThat(cache.region("r").get("k")).isNull();
            server.restart();
            try {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    cache.region("r").put("k", "v");
                    assertThat(cache.region("r").get("k")).isEqualTo("v");
                });
            } finally {
                server.stop();
            }
        }
    }
}

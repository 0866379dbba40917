package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.FaultProxy;
import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis behind a {@link FaultProxy} that goes silent (no byte forwarded, no reset) under a live
 * DEGRADE cache: no operation waits longer than about the command timeout, none blocks forever,
 * and the same cache serves hits again by itself once Redis answers.
 */
@ExtendWith(ExpectedOutageLog.class)
class BlackHoleFaultIT {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** What a loaded 2-core machine may add to a timeout before the caller gets control back. */
    private static final Duration SLACK = Duration.ofMillis(700);

    private final RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning");
    private final FaultProxy proxy = FaultProxy.to(server.port());
    private final RegionCache cache = RegionCache.builder().redisUrl(proxy.redisUrl()).commandTimeout(TIMEOUT).build();

    @AfterEach
    void close() {
        cache.close();
        proxy.close();
        server.close();
    }

    @Test
    void everyOperationReturnsWithinTheTimeoutWhileRedisIsSilent() {
        Region<Object> region = cache.region("r");
        region.put("k", "v");
        proxy.blackHole(true);

        Faults.assertEachWithin(TIMEOUT.plus(SLACK), () -> assertThat(region.get("k")).isNull());
        Faults.assertEachWithin(TIMEOUT.plus(SLACK), () -> region.put("k", "dropped"));
        Faults.assertEachWithin(TIMEOUT.plus(SLACK), () -> assertThat(region.getOrCompute("k", () -> "loaded")).isEqualTo("loaded"));
        Faults.assertEachWithin(TIMEOUT.plus(SLACK), () -> assertThat(region.remove("k")).isFalse());
        Faults.assertEachWithin(TIMEOUT.plus(SLACK), () -> assertThat(region.keys()).isEmpty());
        Faults.assertEachWithin(TIMEOUT.plus(SLACK), () ->
                assertThatThrownBy(region::invalidate).isInstanceOf(CacheUnavailableException.class));
    }

    @Test
    void manyConcurrentCallersAllReturnWhileRedisIsSilent() throws Exception {
        Region<Object> region = cache.region("r");
        region.put("k", "v");
        proxy.blackHole(true);

        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            CompletableFuture<?>[] calls = new CompletableFuture<?>[64];
            for (int i = 0; i < calls.length; i++) {
                String key = "k" + (i % 4);
                calls[i] = CompletableFuture.runAsync(() -> region.getOrCompute(key, () -> key), callers);
            }
            // 64 calls on 8 threads, each bounded by the timeout: 8 rounds at the very worst.
            CompletableFuture.allOf(calls).get(8 * (TIMEOUT.plus(SLACK)).toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void theCacheServesHitsAgainByItselfWhenTheSilenceEnds() {
        Region<Object> region = cache.region("r");
        region.put("k", "before");
        proxy.blackHole(true);
        assertThat(region.get("k")).isNull();

        proxy.blackHole(false);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(region.get("k")).isEqualTo("before"));
        region.put("k", "after");
        assertThat(region.get("k")).isEqualTo("after");
        region.invalidate();
        assertThat(region.get("k")).isNull();
    }

    @Test
    void waitsDoNotPileUpWhileTheSilenceLasts() {
        Region<Object> region = cache.region("r");
        region.put("k", "v");
        proxy.blackHole(true);

        for (int i = 0; i < 5; i++) {
            Faults.assertEachWithin(TIMEOUT.plus(SLACK), () -> assertThat(region.get("k")).isNull());
        }
    }
}

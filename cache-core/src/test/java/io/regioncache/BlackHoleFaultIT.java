package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.FaultProxy;
import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis behind a {@link FaultProxy} that goes silent (no byte forwarded, no reset) under a live
 * DEGRADE cache: no operation waits longer than about the command timeout, none blocks forever,
 * once one has timed out the following ones fail fast (RAISE ones too) while a single PING at a
 * time asks Redis, and the same cache serves hits again by itself once Redis answers.
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
    void afterTheFirstTimeoutDegradedOperationsFailFast() {
        Region<Object> region = cache.region("r");
        region.put("k", "v");
        proxy.blackHole(true);
        Faults.assertEachWithin(TIMEOUT.plus(SLACK), () -> assertThat(region.get("k")).isNull());
        long degradedBefore = cache.stats().degradedOperations();

        // Ten reads and ten writes that each waited out the timeout would take ten times it.
        Faults.assertEachWithin(TIMEOUT, () -> {
            for (int i = 0; i < 10; i++) {
                assertThat(region.get("k")).isNull();
                region.put("k", "dropped");
            }
        });
        assertThat(cache.stats().degradedOperations() - degradedBefore).isEqualTo(20);
        Faults.assertEachWithin(TIMEOUT, () ->
                assertThatThrownBy(region::invalidate).isInstanceOf(CacheUnavailableException.class));
    }

    @Test
    void afterTheFirstTimeoutRaisingOperationsThrowFast() {
        try (RegionCache raising = RegionCache.builder().redisUrl(proxy.redisUrl()).commandTimeout(TIMEOUT)
                .failurePolicy(FailurePolicy.RAISE).build()) {
            Region<Object> region = raising.region("r");
            region.put("k", "v");
            proxy.blackHole(true);
            Faults.assertEachWithin(TIMEOUT.plus(SLACK), () ->
                    assertThatThrownBy(() -> region.get("k")).isInstanceOf(CacheUnavailableException.class));

            Faults.assertEachWithin(TIMEOUT, () -> {
                for (int i = 0; i < 10; i++) {
                    assertThatThrownBy(() -> region.get("k")).isInstanceOf(CacheUnavailableException.class)
                            .hasMessageContaining("failing fast until it answers");
                    assertThatThrownBy(region::invalidate).isInstanceOf(CacheUnavailableException.class);
                }
            });

            proxy.blackHole(false);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(CacheUnavailableException.class)
                    .untilAsserted(() -> assertThat(region.get("k")).isEqualTo("v"));
        }
    }

    @Test
    void oneProbeAtATimeAsksRedisWhileTheSilenceLasts() {
        Region<Object> region = cache.region("r");
        region.put("k", "v");
        long pingsBefore = Faults.pings(server);
        proxy.blackHole(true);
        long start = System.nanoTime();

        // Callers keep reading (each a fast miss) for four timeouts.
        Duration silence = TIMEOUT.multipliedBy(4);
        await().during(silence).atMost(silence.plus(SLACK)).pollInterval(Duration.ofMillis(20))
                .until(() -> region.get("k") == null);
        proxy.blackHole(false);
        long silentMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(region.get("k")).isEqualTo("v"));

        // The PINGs held in the hole reach Redis when it ends: at most one per timeout of silence,
        // plus the one in flight.
        assertThat(Faults.pings(server) - pingsBefore).as("PINGs over %d ms of silence", silentMillis)
                .isBetween(1L, silentMillis / TIMEOUT.toMillis() + 1);
    }

    @Test
    void readsWaitingWhenTheConnectionIsResetFailAsAnOutage() {
        try (RegionCache raising = RegionCache.builder().redisUrl(proxy.redisUrl()).commandTimeout(Duration.ofSeconds(10))
                .failurePolicy(FailurePolicy.RAISE).build()) {
            AsyncRegion<Object> region = raising.region("r").async();
            region.put("k", "v").join();
            proxy.blackHole(true);
            List<CompletableFuture<Object>> waiting = IntStream.range(0, 4).mapToObj(i -> region.get("k")).toList();

            // Lettuce fails the first waiting command with the socket's own "Connection reset".
            proxy.cutConnections();

            waiting.forEach(read -> assertThatThrownBy(read::join).hasCauseInstanceOf(CacheUnavailableException.class));
        }
    }

    @Test
    void theNearCacheServesNothingAcrossTheSilence() {
        Faults.nearEntryAcrossASilence(server, proxy, TIMEOUT, region -> {
            // A near miss goes to Redis, times out and starts the silence.
            assertThat(region.get("other")).isNull();
            assertThat(region.get("k")).as("the near entry read before the silence").isNull();
        });
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

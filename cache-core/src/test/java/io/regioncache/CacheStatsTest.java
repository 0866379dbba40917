package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regioncache.signals.LocalSignal;
import io.regioncache.signals.Signals;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** What {@link RegionCache#stats()} counts, on the in-memory store (the Redis side is in CacheStatsIT). */
class CacheStatsTest {

    @Test
    void readsLoadsAndWritesAreCounted() {
        try (RegionCache cache = RegionCache.inMemory()) {
            Region<Object> region = cache.region("r");
            region.putAll(Map.of("a", 1, "b", 2));
            region.get("a");
            region.get("missing");
            region.getAll(List.of("a", "b", "c"));
            region.getOrCompute("a", () -> 0);
            region.getOrCompute("loaded", () -> 3);
            assertThatThrownBy(() -> region.getOrCompute("failing", () -> {
                throw new IllegalStateException("loader failed");
            })).hasMessage("loader failed");

            assertThat(cache.stats()).isEqualTo(new CacheStats(4, 4, 0, 1, 1, 0, 0, 0));
            assertThat(cache.puts()).isEqualTo(3);
        }
    }

    @Test
    void aLoadRacingAnInvalidationIsCountedAsARefusedStaleWrite() throws Exception {
        try (RegionCache cache = RegionCache.inMemory()) {
            Region<Object> region = cache.region("r");
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch invalidated = new CountDownLatch(1);
            Thread loader = new Thread(() -> region.getOrCompute("k", () -> {
                loading.countDown();
                await(invalidated);
                return "stale";
            }));
            loader.start();
            loading.await();

            region.invalidate();
            invalidated.countDown();
            loader.join();

            assertThat(cache.stats().staleWritesRefused()).isEqualTo(1);
            assertThat(cache.stats().invalidations()).isEqualTo(1);
            assertThat(region.containsKey("k")).isFalse();
        }
    }

    @Test
    void signalPurgesAreInvalidationsAndTheirLagIsReportedPerTransport() {
        LocalSignal saved = Signals.named("stats-" + UUID.randomUUID());
        try (RegionCache cache = RegionCache.inMemory()) {
            List<String> transports = new java.util.concurrent.CopyOnWriteArrayList<>();
            cache.onSignalPurged((transport, lag) -> transports.add(transport + (lag.isNegative() ? " negative" : "")));
            cache.region("r").invalidateOn(saved, event -> Invalidation.keys(List.of("k")));

            saved.send("one");
            saved.send("two");

            assertThat(cache.stats().invalidations()).isEqualTo(2);
            assertThat(transports).containsExactly("local", "local");
        }
    }

    @Test
    void bytesACodecRefusesAreCountedApartFromOutages() {
        try (RegionCache cache = RegionCache.inMemory(); CapturedLog log = new CapturedLog()) {
            cache.region("r", RegionOptions.of(Codecs.utf8())).put("k", "not java serialization");

            assertThat(cache.region("r").get("k")).isNull();
            assertThat(log.lines("WARN")).singleElement().asString().contains("Treating key 'k' of region root.r as a miss");

            assertThat(cache.codecFailures()).isEqualTo(1);
            assertThat(cache.stats().misses()).isEqualTo(1);
            assertThat(cache.stats().degradedOperations()).isZero();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

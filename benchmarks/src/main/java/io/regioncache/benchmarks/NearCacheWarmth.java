package io.regioncache.benchmarks;

import io.regioncache.Region;
import io.regioncache.RegionCache;
import java.util.Arrays;

/** Makes sure a near-cache benchmark times near hits, not round trips. */
final class NearCacheWarmth {

    private static final long TIMEOUT_NANOS = 10_000_000_000L;

    private NearCacheWarmth() {
    }

    /**
     * Reads until a read of {@code expected} is served by the near cache (a read that raced the
     * push of the benchmark's own put is not installed, so the first may not be).
     *
     * @throws IllegalStateException if no read is served near within 10 s
     */
    static void awaitNearHit(RegionCache cache, Region<byte[]> region, String key, byte[] expected) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            long nearHits = cache.stats().nearHits();
            if (Arrays.equals(region.get(key), expected) && cache.stats().nearHits() > nearHits) {
                return;
            }
        }
        throw new IllegalStateException("No read of " + key + " in " + region.name() + " was served by the near cache within 10 s");
    }
}

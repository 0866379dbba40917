package io.regioncache;

/**
 * What a {@link RegionCache} has done since it was built, over all its regions: a snapshot from
 * {@link RegionCache#stats()}. Counts only grow; compare two snapshots for a rate.
 *
 * @param hits               reads that found a value (plain reads, {@code getAll} keys,
 *                           {@code getOrCompute} and {@code cached} hits), near-cache hits included
 * @param misses             reads that found none, including reads degraded to a miss because the
 *                           store was unreachable or the stored bytes could not be decoded
 * @param nearHits           hits served by the in-process near cache without a round trip
 *                           ({@code nearHits <= hits}); 0 without a near cache
 * @param loads              loaders of {@code getOrCompute} and {@code cached} that returned
 * @param loadFailures       loaders that threw or whose stage failed
 * @param staleWritesRefused loaded values not stored because their region was invalidated (or a
 *                           key removed) during the load
 * @param invalidations      invalidations that landed: {@code invalidate()}, {@code clear()} and
 *                           signal-driven purges of regions, sub-regions or keys
 * @param degradedOperations operations that the store could not serve and that DEGRADE turned into
 *                           a miss or a dropped write
 */
public record CacheStats(long hits, long misses, long nearHits, long loads, long loadFailures,
                         long staleWritesRefused, long invalidations, long degradedOperations) {
}

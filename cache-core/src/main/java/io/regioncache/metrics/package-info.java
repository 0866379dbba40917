/**
 * Micrometer metrics for a {@link io.regioncache.RegionCache}: {@link
 * io.regioncache.metrics.RegionCacheMetrics}. Needs {@code io.micrometer:micrometer-core}, an
 * optional dependency of cache-core that the application adds.
 */
package io.regioncache.metrics;

package io.regioncache.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;

/**
 * Micrometer's cache meters ({@code cache.gets{result=hit|miss}}, {@code cache.puts}, {@code
 * cache.evictions}, {@code cache.size}) of one Spring cache, read from its own counters: what
 * went through this cache name, not what other names or code did to the same store.
 */
final class RegionSpringCacheMetrics extends CacheMeterBinder<RegionSpringCache> {

    RegionSpringCacheMetrics(RegionSpringCache cache, Iterable<Tag> tags) {
        super(cache, cache.getName(), tags);
    }

    /** The region's own entries (one HLEN per reading of the gauge). */
    @Override
    protected Long size() {
        return (long) getCache().getNativeCache().size();
    }

    @Override
    protected long hitCount() {
        return getCache().hitCount();
    }

    @Override
    protected Long missCount() {
        return getCache().missCount();
    }

    @Override
    protected Long evictionCount() {
        return getCache().evictionCount();
    }

    @Override
    protected long putCount() {
        return getCache().putCount();
    }

    @Override
    protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
        // Cache-wide meters (loads, stale writes refused, purges) belong to the RegionCache, not to a name.
    }
}

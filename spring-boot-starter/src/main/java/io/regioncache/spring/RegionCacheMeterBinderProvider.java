package io.regioncache.spring;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;

/** Lets Boot's cache metrics bind the caches of a {@link RegionCacheManager}. */
final class RegionCacheMeterBinderProvider implements CacheMeterBinderProvider<RegionSpringCache> {

    @Override
    public MeterBinder getMeterBinder(RegionSpringCache cache, Iterable<Tag> tags) {
        return new RegionSpringCacheMetrics(cache, tags);
    }
}

package io.regioncache.spring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.regioncache.RegionCache;
import io.regioncache.metrics.RegionCacheMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Micrometer, the cache's meters: the whole {@link RegionCache} as cache {@value
 * #CACHE_TAG} ({@code cache.gets}, {@code cache.loads}, {@code cache.stale.writes.refused}, signal
 * purge lag, ...), and with Boot's cache metrics a {@link CacheMeterBinderProvider} for each
 * cache of {@link RegionCacheManager} ({@code cache.gets}, {@code cache.puts}, {@code
 * cache.evictions}, {@code cache.size} tagged with the cache's name).
 */
@AutoConfiguration(after = RegionCacheAutoConfiguration.class,
        beforeName = "org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration")
@ConditionalOnClass({MeterRegistry.class, RegionCacheMetrics.class})
public class RegionCacheMetricsAutoConfiguration {

    /** The {@code cache} tag of the whole cache's meters. */
    public static final String CACHE_TAG = "region-cache";

    /** The {@code cache.manager} tag they get, as Boot's cache meters have one (and {@code name}, the cache tag). */
    static final String MANAGER_TAG = "regionCache";

    /** The whole cache's meters, which Boot binds to every registry. */
    @Bean
    @ConditionalOnBean(RegionCache.class)
    @ConditionalOnMissingBean(name = "regionCacheMetrics")
    public MeterBinder regionCacheMetrics(RegionCache cache) {
        return new RegionCacheMetrics(cache, CACHE_TAG);
    }

    /**
     * Gives the whole cache's meters the {@code cache.manager} and {@code name} tags that Boot's
     * cache meters of the same names carry: registries such as Prometheus refuse a meter name
     * whose meters differ in tag keys.
     */
    @Bean
    @ConditionalOnMissingBean(name = "regionCacheMeterFilter")
    public MeterFilter regionCacheMeterFilter() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!CACHE_TAG.equals(id.getTag("cache"))) {
                    return id;
                }
                Meter.Id tagged = id.getTag("cache.manager") == null ? id.withTag(Tag.of("cache.manager", MANAGER_TAG)) : id;
                return tagged.getTag("name") == null ? tagged.withTag(Tag.of("name", CACHE_TAG)) : tagged;
            }
        };
    }

    /** With Boot's cache metrics: binds {@link RegionCacheManager}'s caches, one name each. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(CacheMeterBinderProvider.class)
    static class CacheManagerMetrics {

        /** Other managers' caches are left to their own providers. */
        @Bean
        @ConditionalOnMissingBean(name = "regionCacheMeterBinderProvider")
        CacheMeterBinderProvider<?> regionCacheMeterBinderProvider() {
            return new RegionCacheMeterBinderProvider();
        }
    }
}

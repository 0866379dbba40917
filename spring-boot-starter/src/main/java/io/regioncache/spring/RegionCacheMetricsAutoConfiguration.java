package io.regioncache.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.context.annotation.Bean;

/**
 * With Micrometer and Boot's cache metrics, a {@link CacheMeterBinderProvider} for the caches of
 * {@link RegionCacheManager}: Boot binds each cache known at start-up (the configured regions) as
 * {@code cache.gets}, {@code cache.puts}, {@code cache.evictions} and {@code cache.size} tagged
 * with its name.
 */
@AutoConfiguration(after = RegionCacheAutoConfiguration.class,
        beforeName = "org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration")
@ConditionalOnClass({MeterRegistry.class, CacheMeterBinderProvider.class, RegionCacheManager.class})
public class RegionCacheMetricsAutoConfiguration {

    /** Binds {@link RegionCacheManager}'s caches; other managers' caches are left to their own providers. */
    @Bean
    @ConditionalOnMissingBean(name = "regionCacheMeterBinderProvider")
    public CacheMeterBinderProvider<?> regionCacheMeterBinderProvider() {
        return new RegionCacheMeterBinderProvider();
    }
}

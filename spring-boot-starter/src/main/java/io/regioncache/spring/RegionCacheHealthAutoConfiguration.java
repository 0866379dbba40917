package io.regioncache.spring;

import io.regioncache.RegionCache;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * With Boot's health support (Actuator), a health indicator {@code regionCache}: the store
 * reachable, the signal bindings in place. Disabled by {@code management.health.region-cache.enabled=false}.
 */
@AutoConfiguration(after = RegionCacheAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, RegionCache.class})
@ConditionalOnBean(RegionCache.class)
@ConditionalOnEnabledHealthIndicator("region-cache")
public class RegionCacheHealthAutoConfiguration {

    /** The indicator, reported as {@code regionCache} under {@code /actuator/health}. */
    @Bean
    @ConditionalOnMissingBean(name = "regionCacheHealthIndicator")
    public HealthIndicator regionCacheHealthIndicator(RegionCache cache, ObjectProvider<RegionSignalBindings> bindings) {
        return new RegionCacheHealthIndicator(cache, bindings.getIfAvailable());
    }
}

package io.regioncache.spring;

import io.regioncache.RegionCache;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Makes a {@link RegionCache}, a {@link RegionCacheManager} and the signal bindings of {@code
 * region-cache.regions.*.invalidate-on} from {@link RegionCacheProperties}, each unless the
 * application defines its own. Runs before Boot's cache auto-configuration, which then backs off
 * because a {@link CacheManager} exists.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({RegionCache.class, CacheManager.class})
@EnableConfigurationProperties(RegionCacheProperties.class)
public class RegionCacheAutoConfiguration {

    /**
     * The cache on Redis ({@code region-cache.url}, else Boot's {@code spring.data.redis.*}) or in
     * memory ({@code region-cache.store=memory}); closed when the application stops.
     *
     * @throws RegionCacheConfigurationException naming the property that cannot be used
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RegionCache regionCache(RegionCacheProperties properties, Environment environment) {
        RegionCache cache = RegionCacheFromProperties.build(properties, environment);
        try {
            ConfiguredRegions.parse(properties.getRegions(), cache.root().name()).requireValidNames(cache);
        } catch (RuntimeException e) {
            cache.close();
            throw e;
        }
        return cache;
    }

    /**
     * Spring's cache manager on the regions, with the per-region settings of {@code
     * region-cache.regions.*}; the configured regions are listed as caches from the start.
     */
    @Bean
    @ConditionalOnMissingBean(CacheManager.class)
    public RegionCacheManager cacheManager(RegionCache cache, RegionCacheProperties properties) {
        ConfiguredRegions regions = ConfiguredRegions.parse(properties.getRegions(), cache.root().name());
        List<String> initial = regions.names().stream().filter(name -> !name.isEmpty()).toList();
        return RegionCacheManager.builder(cache)
                .options(name -> regions.options(name, cache.region(name).options()))
                .cacheNullValues(properties.isCacheNullValues())
                .initialCacheNames(initial)
                .build();
    }

    /** The regions bound to signals by {@code invalidate-on}, bound at start-up and closed at shutdown. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RegionSignalBindings regionSignalBindings(RegionCache cache, RegionCacheProperties properties) {
        return RegionSignalBindings.bind(cache,
                ConfiguredRegions.parse(properties.getRegions(), cache.root().name()).signals());
    }
}

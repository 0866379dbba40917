package io.regioncache.spring;

import io.regioncache.RegionCache;
import io.regioncache.RegionCacheException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP when the store applies a purge and every signal binding is in place. The probe purges the
 * region {@value #PROBE_REGION} under the root, which holds no entries: a purge, unlike a read,
 * fails under every failure policy when the store cannot be reached.
 */
final class RegionCacheHealthIndicator implements HealthIndicator {

    static final String PROBE_REGION = "region-cache-health";

    private final RegionCache cache;
    private final RegionSignalBindings bindings;

    /** @param bindings the configured signal bindings, or null when there is no such bean */
    RegionCacheHealthIndicator(RegionCache cache, RegionSignalBindings bindings) {
        this.cache = cache;
        this.bindings = bindings;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("cache", cache.toString());
        if (bindings != null) {
            health.withDetail("bindings", bindings.signalNames());
            if (!bindings.isOpen()) {
                health.down().withDetail("bindingsError", "the signal bindings are closed");
            }
        }
        try {
            cache.region(PROBE_REGION).invalidate();
        } catch (RegionCacheException | IllegalStateException e) {
            // An expected outcome of a health check, reported in its details rather than logged.
            health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return health.build();
    }
}

package io.regioncache.spring;

import io.regioncache.CacheUnavailableException;
import io.regioncache.RegionCache;
import io.regioncache.RegionCacheException;
import java.util.function.Consumer;
import org.springframework.core.env.Environment;

/** Builds the {@link RegionCache} that {@code region-cache.*} describes, naming the property at fault. */
final class RegionCacheFromProperties {

    private static final String IN_MEMORY_ROOT = "root";

    private RegionCacheFromProperties() {
    }

    /**
     * @throws RegionCacheConfigurationException if a setting cannot be used, no Redis is configured,
     *                                           Redis refuses the URL's settings, or (under RAISE)
     *                                           Redis cannot be reached
     */
    static RegionCache build(RegionCacheProperties properties, Environment environment) {
        if (properties.getStore() == RegionCacheProperties.Store.MEMORY) {
            if (!IN_MEMORY_ROOT.equals(properties.getRoot())) {
                throw new RegionCacheConfigurationException("region-cache.root", "region-cache.root is '"
                        + properties.getRoot() + "', but the in-memory store (region-cache.store=memory) always has "
                        + "the root region '" + IN_MEMORY_ROOT + "'",
                        "Remove region-cache.root, or use Redis (region-cache.store=redis).", null);
            }
            return RegionCache.inMemory();
        }
        RedisLocation location = RedisLocation.of(properties, environment);
        RegionCache.Builder builder = RegionCache.builder();
        // The builder's messages about a URL never show its password; the URL itself is not repeated.
        set(location.property(), "a Redis URL", location.url(), builder::redisUrl);
        set("region-cache.root", properties.getRoot(), properties.getRoot(), builder::rootName);
        set("region-cache.key-prefix", properties.getKeyPrefix(), properties.getKeyPrefix(), builder::keyPrefix);
        set("region-cache.command-timeout", String.valueOf(properties.getCommandTimeout()),
                properties.getCommandTimeout(), builder::commandTimeout);
        set("region-cache.near-cache-size", String.valueOf(properties.getNearCacheSize()),
                properties.getNearCacheSize(), builder::nearCacheSize);
        if (properties.getReadReplicaUrl() != null) {
            set("region-cache.read-replica-url", "a Redis URL", properties.getReadReplicaUrl(), builder::readReplicaUrl);
        }
        if (properties.getReadFrom() != null) {
            set("region-cache.read-from", properties.getReadFrom(), properties.getReadFrom(), builder::readFrom);
        }
        set("region-cache.failure-policy", String.valueOf(properties.getFailurePolicy()),
                properties.getFailurePolicy(), builder::failurePolicy);
        try {
            return builder.build();
        } catch (CacheUnavailableException e) {
            throw new RegionCacheConfigurationException("region-cache.failure-policy", "Redis (" + location.property()
                    + ") cannot be reached, and region-cache.failure-policy=raise makes that a start-up failure: "
                    + e.getMessage(), "Start Redis or correct " + location.property()
                    + "; with region-cache.failure-policy=degrade the application starts and connects once Redis answers.", e);
        } catch (RegionCacheException e) {
            // Redis answered and refused the URL's settings (password, user, database, TLS); the
            // message names the cause and never the password.
            throw new RegionCacheConfigurationException(location.property(), "Redis refuses the settings of "
                    + location.property() + ": " + e.getMessage(), "Correct " + location.property() + ".", e);
        }
    }

    private static <T> void set(String property, String shown, T value, Consumer<T> setter) {
        if (value == null) {
            throw new RegionCacheConfigurationException(property, property + " must not be empty",
                    "Set " + property + " or remove it to use the default.", null);
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw new RegionCacheConfigurationException(property, "Invalid " + property + " (" + shown + "): "
                    + e.getMessage(), "Correct " + property + " in the application's configuration.", e);
        }
    }
}

package io.regioncache.jcache;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * The JCache provider of region-cache, found by {@code Caching.getCachingProvider()} through
 * {@code META-INF/services}. A cache name is a region path: {@code getCache("com.acme.User")} is
 * the region {@code root.com.acme.User}, so purging {@code com.acme} (a cache's {@code clear()},
 * {@code destroyCache}, or {@code RegionCache.region("com.acme").invalidate()}) purges every cache
 * below it, for every process on the same Redis.
 *
 * <p>The manager's URI chooses the store: {@code redis://host:port/db?prefix=P&serialFilter=F}
 * is that Redis, {@code memory:NAME} this process's memory, and the default URI ({@value
 * #DEFAULT_URI}) or any other takes {@code -Dio.regioncache.jcache.url}, else {@code
 * REGION_CACHE_URL}, else memory. Entries are stored by value, through Java serialization behind
 * an allow-list ({@code serialFilter} adds classes). Managers share one set of Lettuce client
 * resources, shut down by {@link #close()}.
 *
 * <p>Thread-safe; a public no-argument constructor, as {@link java.util.ServiceLoader} requires.
 */
public final class RegionCachingProvider implements CachingProvider {

    /** The URI of the default cache manager, which takes the default store. */
    public static final String DEFAULT_URI = "region-cache:default";

    private final Map<ClassLoader, Map<URI, RegionJCacheManager>> managers = new WeakHashMap<>();
    private ClientResources resources;

    /** A provider with no manager open yet; managers connect when they are first asked for. */
    public RegionCachingProvider() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        Properties settings = properties == null ? new Properties() : properties;
        synchronized (managers) {
            Map<URI, RegionJCacheManager> byUri = managers.computeIfAbsent(loader, any -> new HashMap<>());
            RegionJCacheManager manager = byUri.get(managerUri);
            if (manager == null) {
                manager = new RegionJCacheManager(this, managerUri, loader, settings,
                        Backend.open(managerUri, settings, this::clientResources));
                byUri.put(managerUri, manager);
            }
            return manager;
        }
    }

    @Override
    public ClassLoader getDefaultClassLoader() {
        return getClass().getClassLoader();
    }

    @Override
    public URI getDefaultURI() {
        return URI.create(DEFAULT_URI);
    }

    @Override
    public Properties getDefaultProperties() {
        return new Properties();
    }

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
        return getCacheManager(uri, classLoader, getDefaultProperties());
    }

    @Override
    public CacheManager getCacheManager() {
        return getCacheManager(getDefaultURI(), getDefaultClassLoader());
    }

    /** Closes every manager this provider made, and the client resources they shared. */
    @Override
    public void close() {
        for (RegionJCacheManager manager : snapshot(null, null)) {
            manager.close();
        }
        synchronized (managers) {
            managers.clear();
            if (resources != null) {
                resources.shutdown();
                resources = null;
            }
        }
    }

    @Override
    public void close(ClassLoader classLoader) {
        snapshot(Objects.requireNonNullElse(classLoader, getDefaultClassLoader()), null).forEach(RegionJCacheManager::close);
    }

    @Override
    public void close(URI uri, ClassLoader classLoader) {
        snapshot(Objects.requireNonNullElse(classLoader, getDefaultClassLoader()),
                Objects.requireNonNullElse(uri, getDefaultURI())).forEach(RegionJCacheManager::close);
    }

    /** Entries are always stored by value (through the codec); store-by-reference is not offered. */
    @Override
    public boolean isSupported(OptionalFeature optionalFeature) {
        return false;
    }

    void forget(RegionJCacheManager manager) {
        synchronized (managers) {
            Map<URI, RegionJCacheManager> byUri = managers.get(manager.getClassLoader());
            if (byUri != null) {
                byUri.remove(manager.getURI(), manager);
            }
        }
    }

    private java.util.List<RegionJCacheManager> snapshot(ClassLoader loader, URI uri) {
        synchronized (managers) {
            return managers.entrySet().stream()
                    .filter(entry -> loader == null || entry.getKey() == loader)
                    .flatMap(entry -> entry.getValue().values().stream())
                    .filter(manager -> uri == null || manager.getURI().equals(uri))
                    .toList();
        }
    }

    private ClientResources clientResources() {
        synchronized (managers) {
            if (resources == null) {
                resources = DefaultClientResources.create();
            }
            return resources;
        }
    }
}

package io.regioncache.jcache;

import io.regioncache.RegionCache;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JCache cache manager whose caches are regions: {@code getCache("com.acme.User")} is the region
 * {@code root.com.acme.User}. Owns its backend (Redis connection or in-memory store) and three
 * daemon threads' worth of executors (asynchronous listeners, {@code loadAll}, the expiry sweep),
 * all closed by {@link #close()}.
 */
final class RegionJCacheManager implements CacheManager {

    private static final Logger LOG = LoggerFactory.getLogger(RegionJCacheManager.class);

    private final RegionCachingProvider provider;
    private final URI uri;
    /** The URI without its password, for messages, toString and MXBean names. */
    private final String display;
    private final ClassLoader classLoader;
    private final Properties properties;
    private final Backend backend;
    private final Map<String, RegionJCache<?, ?>> caches = new ConcurrentHashMap<>();
    private final ExecutorService events;
    private final ExecutorService loads;
    private final ScheduledExecutorService sweeper;
    private final String id = java.util.UUID.randomUUID().toString();
    private volatile boolean closed;

    RegionJCacheManager(RegionCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties,
                        Backend backend) {
        this.provider = provider;
        this.uri = uri;
        this.display = Backend.display(uri);
        this.classLoader = classLoader;
        this.properties = properties;
        this.backend = backend;
        this.events = Executors.newSingleThreadExecutor(daemon("region-jcache-events"));
        this.loads = Executors.newCachedThreadPool(daemon("region-jcache-load"));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(daemon("region-jcache-sweep"));
        // Expired entries that nobody reads are removed (their expired events fired) at this pace.
        long sweepMillis = backend.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public CachingProvider getCachingProvider() {
        return provider;
    }

    @Override
    public URI getURI() {
        return uri;
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
        requireOpen();
        Objects.requireNonNull(cacheName, "cache name");
        Objects.requireNonNull(configuration, "configuration");
        String region = backend.regionName(cacheName);
        CompleteConfiguration<K, V> complete = configuration instanceof CompleteConfiguration<K, V> full
                ? full : new MutableConfiguration<K, V>().setTypes(configuration.getKeyType(), configuration.getValueType())
                        .setStoreByValue(configuration.isStoreByValue());
        synchronized (caches) {
            if (caches.containsKey(cacheName)) {
                throw new CacheException("cache " + cacheName + " exists already in " + display);
            }
            RegionJCache<K, V> cache = new RegionJCache<>(cacheName, this, region, backend.store(), backend.codec(),
                    complete, events, loads);
            caches.put(cacheName, cache);
            return cache;
        }
    }

    @Override
    public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
        requireOpen();
        Objects.requireNonNull(keyType, "key type");
        Objects.requireNonNull(valueType, "value type");
        Cache<K, V> cache = getCache(cacheName);
        if (cache == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        CompleteConfiguration<K, V> configuration = cache.getConfiguration(CompleteConfiguration.class);
        if (!configuration.getKeyType().equals(keyType) || !configuration.getValueType().equals(valueType)) {
            throw new ClassCastException("cache " + cacheName + " holds " + configuration.getKeyType().getName()
                    + " -> " + configuration.getValueType().getName() + ", not " + keyType.getName() + " -> "
                    + valueType.getName());
        }
        return cache;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> getCache(String cacheName) {
        requireOpen();
        Objects.requireNonNull(cacheName, "cache name");
        return (Cache<K, V>) caches.get(cacheName);
    }

    @Override
    public Iterable<String> getCacheNames() {
        requireOpen();
        return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
    }

    /** Closes the cache and purges its region (and the regions below it), for every process. */
    @Override
    public void destroyCache(String cacheName) {
        requireOpen();
        Objects.requireNonNull(cacheName, "cache name");
        RegionJCache<?, ?> cache = caches.get(cacheName);
        backend.store().purge(cache == null ? backend.regionName(cacheName) : cache.regionName());
        if (cache != null) {
            cache.close();
        }
    }

    @Override
    public void enableManagement(String cacheName, boolean enabled) {
        requireOpen();
        RegionJCache<?, ?> cache = caches.get(Objects.requireNonNull(cacheName, "cache name"));
        if (cache != null) {
            cache.setManagementEnabled(enabled);
        }
    }

    @Override
    public void enableStatistics(String cacheName, boolean enabled) {
        requireOpen();
        RegionJCache<?, ?> cache = caches.get(Objects.requireNonNull(cacheName, "cache name"));
        if (cache != null) {
            cache.setStatisticsEnabled(enabled);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        provider.forget(this);
        // A sweep in progress finishes first: interrupted, its Redis command would fail loudly.
        sweeper.shutdown();
        awaitQuietly(sweeper);
        caches.values().forEach(RegionJCache::close);
        loads.shutdownNow();
        events.shutdown();
        awaitQuietly(events);
        backend.close();
    }

    /** Waits up to 5 s for the executor's tasks, then interrupts what is left. */
    private static void awaitQuietly(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }


    @Override
    public boolean isClosed() {
        return closed;
    }

    /** This manager, or its {@link RegionCache} (of a Redis-backed manager). */
    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        if (clazz == RegionCache.class && backend.inRedis()) {
            return clazz.cast(backend.regions());
        }
        throw new IllegalArgumentException("a region cache manager cannot be unwrapped to " + clazz.getName()
                + (clazz == RegionCache.class ? ": this one keeps its caches in memory" : ""));
    }

    /** The RegionCache of a Redis-backed manager. */
    RegionCache regionCache() {
        return unwrap(RegionCache.class);
    }

    /** The URI without its password: what MXBean names and messages show. */
    String display() {
        return display;
    }

    /** Tells this manager's changes from other processes' in published events. */
    String id() {
        return id;
    }

    void forget(RegionJCache<?, ?> cache) {
        caches.remove(cache.getName(), cache);
    }

    private void sweep() {
        for (RegionJCache<?, ?> cache : caches.values()) {
            try {
                cache.sweepExpired();
            } catch (RuntimeException e) {
                LOG.warn("sweeping the expired entries of cache {} failed; the next sweep tries again", cache.getName(), e);
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("cache manager " + display + " is closed");
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "RegionJCacheManager[" + display + "]";
    }
}

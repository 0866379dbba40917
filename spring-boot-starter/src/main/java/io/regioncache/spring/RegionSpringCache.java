package io.regioncache.spring;

import io.regioncache.Region;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * Spring's {@link Cache} over one region. Keys go through {@link CacheKeys}; a null value is
 * stored as {@link CachedNull} when the manager caches nulls. Counts its own hits, misses, puts
 * and evictions for Micrometer (the cache-wide counters are the core's). Thread-safe.
 */
final class RegionSpringCache implements Cache {

    private final String name;
    private final Region<Object> region;
    private final boolean cacheNullValues;
    // Loads in flight through get(key, loader), by region key: a second caller joins the first.
    private final ConcurrentMap<String, CompletableFuture<Object>> loading = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    RegionSpringCache(String name, Region<Object> region, boolean cacheNullValues) {
        this.name = name;
        this.region = region;
        this.cacheNullValues = cacheNullValues;
    }

    @Override
    public String getName() {
        return name;
    }

    /** The {@link Region} behind this cache. */
    @Override
    public Region<Object> getNativeCache() {
        return region;
    }

    @Override
    public ValueWrapper get(Object key) {
        ValueWrapper found = wrap(region.get(CacheKeys.of(key)));
        (found == null ? misses : hits).increment();
        return found;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Class<T> type) {
        ValueWrapper wrapper = get(key);
        Object value = wrapper == null ? null : wrapper.get();
        if (value != null && type != null && !type.isInstance(value)) {
            throw new IllegalStateException("Cached value of cache '" + name + "' is not of required type ["
                    + type.getName() + "]: it is a " + value.getClass().getName());
        }
        return (T) value;
    }

    /**
     * Returns the cached value or loads it, once per key in this process however many threads
     * ask at the same time: the others wait for the first one's value (or its exception). With a
     * load lease in the region's options, once across processes: the first process to miss takes
     * the lease and the others wait for its value (up to the lease, then load themselves). A load
     * that races an eviction or purge of the region is returned but not stored.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Callable<T> valueLoader) {
        String regionKey = CacheKeys.of(key);
        // Hits go through the flight too: getOrCompute reads first, so a hit costs one read.
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = loading.putIfAbsent(regionKey, mine);
        if (running != null) {
            // A value that had to be loaded is a miss for every caller that waited for it.
            misses.increment();
            return (T) unwrap(await(running, key, valueLoader));
        }
        try {
            boolean[] loaded = {false};
            Object value = region.getOrCompute(regionKey, () -> {
                loaded[0] = true;
                return load(key, valueLoader);
            });
            (loaded[0] ? misses : hits).increment();
            mine.complete(value);
            return (T) unwrap(value);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(regionKey, mine);
        }
    }

    /**
     * The value without blocking, for {@code CompletableFuture} and reactive {@code @Cacheable}
     * methods: a future of null on a miss, else of a {@link ValueWrapper} (of the value, or of null
     * for a cached null) when nulls are cached, or of the plain value when they are not. The
     * future completes on {@link java.util.concurrent.ForkJoinPool#commonPool()}.
     */
    @Override
    public CompletableFuture<?> retrieve(Object key) {
        // Completed off the store's I/O thread: Spring runs the cached method (on a miss) and its
        // put in what follows this future.
        return region.async().get(CacheKeys.of(key)).thenApplyAsync(stored -> {
            ValueWrapper found = wrap(stored);
            (found == null ? misses : hits).increment();
            return found == null || cacheNullValues ? found : found.get();
        });
    }

    /**
     * The value, or the value {@code valueLoader}'s future completes with, stored unless it
     * raced an eviction or purge; without blocking. Concurrent calls for one key in this process
     * share one load. The loader (the {@code @Cacheable} method) is started on {@link
     * java.util.concurrent.ForkJoinPool#commonPool()}, as Caffeine's async cache does, never on
     * the store's I/O thread that completes the read, and the returned future completes there
     * too. A loader that throws or whose future fails fails the returned future, and nothing is
     * stored.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
        String regionKey = CacheKeys.of(key);
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = loading.putIfAbsent(regionKey, mine);
        if (running != null) {
            misses.increment();
            return running.thenApplyAsync(stored -> (T) unwrap(stored));
        }
        AtomicBoolean loaded = new AtomicBoolean();
        CompletableFuture<Object> stored;
        try {
            stored = region.async().getOrCompute(regionKey, () -> {
                loaded.set(true);
                return CompletableFuture.supplyAsync(valueLoader).thenCompose(future -> future)
                        .thenApply(value -> value == null && cacheNullValues ? CachedNull.INSTANCE : value);
            });
        } catch (RuntimeException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        stored.whenComplete((value, failure) -> {
            loading.remove(regionKey, mine);
            if (failure != null) {
                // What the loader threw, not the wrapper the composed stages add around it.
                mine.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            } else {
                (loaded.get() ? misses : hits).increment();
                mine.complete(value);
            }
        });
        return mine.thenApplyAsync(value -> (T) unwrap(value));
    }

    @Override
    public void put(Object key, Object value) {
        region.put(CacheKeys.of(key), toStored(value));
        puts.increment();
    }

    /**
     * Stores the value unless the key has one, in one atomic step for every process on the store
     * ({@link Region#putIfAbsent}): of callers racing on one key, exactly one stores.
     *
     * @return null when this value was stored, else a wrapper of the value there (holding null
     *         for a cached null)
     */
    @Override
    public ValueWrapper putIfAbsent(Object key, Object value) {
        Object existing = region.putIfAbsent(CacheKeys.of(key), toStored(value));
        if (existing == null) {
            puts.increment();
        }
        return wrap(existing);
    }

    @Override
    public void evict(Object key) {
        evictIfPresent(key);
    }

    @Override
    public boolean evictIfPresent(Object key) {
        boolean removed = region.remove(CacheKeys.of(key));
        if (removed) {
            evictions.increment();
        }
        return removed;
    }

    /** Purges the region and every descendant in one atomic step (cache {@code users} clears {@code users.*}). */
    @Override
    public void clear() {
        region.invalidate();
    }

    /**
     * Purges the region and every descendant in one atomic step, before returning.
     *
     * @return whether the region had entries or sub-regions just before
     */
    @Override
    public boolean invalidate() {
        boolean hadMappings = region.size() > 0 || !region.children().isEmpty();
        region.invalidate();
        return hadMappings;
    }

    long hitCount() {
        return hits.sum();
    }

    long missCount() {
        return misses.sum();
    }

    long putCount() {
        return puts.sum();
    }

    long evictionCount() {
        return evictions.sum();
    }

    private Object load(Object key, Callable<?> valueLoader) {
        Object value;
        try {
            value = valueLoader.call();
        } catch (Exception e) {
            throw new ValueRetrievalException(key, valueLoader, e);
        }
        // A null that is not cached is returned as it is: getOrCompute does not store null.
        return value == null && cacheNullValues ? CachedNull.INSTANCE : value;
    }

    private static Object await(CompletableFuture<Object> running, Object key, Callable<?> valueLoader) {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ValueRetrievalException(key, valueLoader, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new ValueRetrievalException(key, valueLoader, cause);
        }
    }

    private Object toStored(Object value) {
        if (value != null) {
            return value;
        }
        if (!cacheNullValues) {
            throw new IllegalArgumentException("Cache '" + name + "' is configured to not allow null values "
                    + "(region-cache.cache-null-values=false) but null was provided");
        }
        return CachedNull.INSTANCE;
    }

    private ValueWrapper wrap(Object stored) {
        if (stored == null || (stored == CachedNull.INSTANCE && !cacheNullValues)) {
            return null;
        }
        return new SimpleValueWrapper(unwrap(stored));
    }

    private static Object unwrap(Object stored) {
        return stored == CachedNull.INSTANCE ? null : stored;
    }

    @Override
    public String toString() {
        return "RegionSpringCache[" + name + " -> " + region.name() + "]";
    }
}

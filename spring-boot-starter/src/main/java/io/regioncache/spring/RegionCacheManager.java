package io.regioncache.spring;

import io.regioncache.RegionCache;
import io.regioncache.RegionOptions;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * Spring's {@link CacheManager} over a {@link RegionCache}: a cache name is a dotted region path
 * under the root, so {@code getCache("users.profiles")} is region {@code root.users.profiles}.
 *
 * <ul>
 *   <li>{@code @CacheEvict(allEntries = true)} on {@code users} ({@link Cache#clear()} and {@link
 *       Cache#invalidate()}) purges {@code users} and every descendant, for every process sharing
 *       the store, in one atomic step.</li>
 *   <li>{@code evict}, {@code evictIfPresent} and {@code invalidate} take effect before they
 *       return.</li>
 *   <li>{@code @Cacheable(sync = true)} ({@link Cache#get(Object, java.util.concurrent.Callable)})
 *       runs the method once per key in this process however many threads miss at once, and a
 *       load that races an eviction or purge is not stored. With a load lease in the cache's
 *       region options ({@link RegionOptions#withLoadLease}, or {@code
 *       region-cache.regions.NAME.load-lease}) it runs once across every process on the store:
 *       the others wait for its value, for at most the lease.</li>
 *   <li>A null result is cached (by default) as a marker: {@link Cache#get(Object)} then returns
 *       a wrapper holding null, while a key never cached returns null.</li>
 *   <li>Keys are made region keys one-to-one: a String is itself (one starting with {@code ~} or
 *       {@code __} gets a {@code ~} in front), a number, Boolean, Character or UUID is {@code
 *       ~Type:value} ({@code ~Long:42}), an enum constant {@code ~enum:class.NAME}, and anything
 *       else ({@code SimpleKey}, records) {@code ~sha256:} and the SHA-256 of its serialized
 *       form.</li>
 * </ul>
 *
 * <p>{@link Cache#putIfAbsent} is one atomic step in the store: of callers racing on one key, in
 * any processes, exactly one stores. Thread-safe; the manager does not own the cache, whose
 * creator closes it.
 */
public class RegionCacheManager implements CacheManager {

    private final RegionCache cache;
    private final Function<String, RegionOptions<?>> options;
    private final boolean cacheNullValues;
    private final ConcurrentMap<String, Cache> caches = new ConcurrentHashMap<>();

    /**
     * A manager whose caches have the cache's default options and cache null results.
     *
     * @throws NullPointerException if {@code cache} is null
     */
    public RegionCacheManager(RegionCache cache) {
        this(builder(cache));
    }

    private RegionCacheManager(Builder builder) {
        this.cache = builder.cache;
        this.options = builder.options;
        this.cacheNullValues = builder.cacheNullValues;
        builder.initialCacheNames.forEach(this::getCache);
    }

    /**
     * A builder for a manager over {@code cache}.
     *
     * @throws NullPointerException if {@code cache} is null
     */
    public static Builder builder(RegionCache cache) {
        return new Builder(cache);
    }

    /**
     * The cache of that name, made on first use; the region behind it is not touched until a
     * value is read or written.
     *
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is not a valid region name
     */
    @Override
    public Cache getCache(String name) {
        Objects.requireNonNull(name, "name");
        Cache existing = caches.get(name);
        return existing != null ? existing : caches.computeIfAbsent(name, this::newCache);
    }

    /** The names of the caches made so far, and of those named at build time. */
    @Override
    public Collection<String> getCacheNames() {
        return Set.copyOf(caches.keySet());
    }

    /** The region cache behind every cache of this manager. */
    public RegionCache regionCache() {
        return cache;
    }

    private Cache newCache(String name) {
        RegionOptions<?> regionOptions = Objects.requireNonNull(options.apply(name), () -> "options of cache " + name);
        RegionOptions<Object> stored = regionOptions.withCodec(new NullMarkingCodec(regionOptions.codec()));
        return new RegionSpringCache(name, cache.region(name, stored), cacheNullValues);
    }

    /** Configures a {@link RegionCacheManager}. Not thread-safe. */
    public static final class Builder {

        private final RegionCache cache;
        private Function<String, RegionOptions<?>> options;
        private boolean cacheNullValues = true;
        private List<String> initialCacheNames = List.of();

        private Builder(RegionCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            this.options = name -> cache.region(name).options();
        }

        /**
         * @param options the options of the region behind each cache name (its timeout, and the
         *                codec that stores its values); by default the cache's default options
         * @throws NullPointerException if {@code options} is null
         */
        public Builder options(Function<String, RegionOptions<?>> options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * @param cacheNullValues true (the default) to cache null results as a marker; false to
         *                        leave them uncached (a {@code put} of null then throws
         *                        IllegalArgumentException, as Spring's caches do)
         */
        public Builder cacheNullValues(boolean cacheNullValues) {
            this.cacheNullValues = cacheNullValues;
            return this;
        }

        /**
         * @param names caches made at build time, so that {@link #getCacheNames()} lists them
         *              before their first use
         * @throws NullPointerException if {@code names} or one of them is null
         */
        public Builder initialCacheNames(Collection<String> names) {
            this.initialCacheNames = List.copyOf(names);
            return this;
        }

        /**
         * @throws IllegalArgumentException if an initial cache name is not a valid region name
         */
        public RegionCacheManager build() {
            return new RegionCacheManager(this);
        }
    }
}

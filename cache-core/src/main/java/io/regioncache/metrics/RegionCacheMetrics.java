package io.regioncache.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import io.regioncache.CacheStats;
import io.regioncache.RegionCache;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a {@link RegionCache}'s {@link RegionCache#stats() stats} to Micrometer under its
 * cache conventions, every meter tagged {@code cache=<cacheName>} and never with a region's name
 * (so the number of time series stays bounded however many regions there are):
 *
 * <ul>
 *   <li>{@code cache.gets{result=hit|miss}}, {@code cache.puts}, {@code cache.evictions} (the
 *       invalidations that landed), {@code cache.loads{result=success|failure}};
 *   <li>{@code cache.near.gets{result=hit|miss}}: gets the near cache served, and the others;
 *   <li>{@code cache.stale.writes.refused}, {@code cache.degraded.operations}, {@code
 *       cache.codec.failures} (stored values a codec refused, apart from outages);
 *   <li>{@code cache.signal.purge.lag{transport}}: a timer from a signal event's timestamp to its
 *       purge having landed, per transport (the scheme of the signal's name: {@code kafka},
 *       {@code redis}, {@code local}...);
 *   <li>{@code cache.invalidation.retries.pending}: a gauge of signal-driven invalidations
 *       waiting for the store to come back.
 * </ul>
 *
 * <p>Counters are function counters read from the cache's own stats (no double counting), so
 * build the cache with stats on (the default). The binder holds the cache weakly, as Micrometer's
 * cache binders do. Lettuce's own command latencies are published by Lettuce itself: lend the
 * cache {@code ClientResources} built with a {@code MicrometerCommandLatencyRecorder} (see {@link
 * RegionCache.Builder#clientResources}).
 *
 * <pre>{@code
 * RegionCache cache = RegionCacheMetrics.monitor(registry, RegionCache.connect(url), "catalog");
 * }</pre>
 */
public final class RegionCacheMetrics extends CacheMeterBinder<RegionCache> {

    private final Map<String, Timer> lagByTransport = new ConcurrentHashMap<>();

    /**
     * @param cache     the cache to publish
     * @param cacheName the value of the {@code cache} tag
     * @throws NullPointerException if an argument is null
     */
    public RegionCacheMetrics(RegionCache cache, String cacheName) {
        super(Objects.requireNonNull(cache, "cache"), Objects.requireNonNull(cacheName, "cacheName"), Tags.empty());
    }

    /**
     * Binds the metrics of {@code cache} to {@code registry} and returns the cache, for use at
     * construction: {@code monitor(registry, RegionCache.connect(url), "catalog")}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static RegionCache monitor(MeterRegistry registry, RegionCache cache, String cacheName) {
        Objects.requireNonNull(registry, "registry");
        new RegionCacheMetrics(cache, cacheName).bindTo(registry);
        return cache;
    }

    /** Not published: a tree of regions has no size short of walking it. */
    @Override
    protected Long size() {
        return null;
    }

    @Override
    protected long hitCount() {
        return stat(CacheStats::hits);
    }

    @Override
    protected Long missCount() {
        return stat(CacheStats::misses);
    }

    @Override
    protected Long evictionCount() {
        return stat(CacheStats::invalidations);
    }

    @Override
    protected long putCount() {
        RegionCache cache = getCache();
        return cache == null ? 0 : cache.puts();
    }

    @Override
    protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
        RegionCache cache = getCache();
        if (cache == null) {
            return;
        }
        counter(registry, cache, "cache.loads", "Loads by getOrCompute and cached", "success", CacheStats::loads);
        counter(registry, cache, "cache.loads", "Loads by getOrCompute and cached", "failure", CacheStats::loadFailures);
        counter(registry, cache, "cache.near.gets", "Gets served by the near cache", "hit", CacheStats::nearHits);
        counter(registry, cache, "cache.near.gets", "Gets the near cache did not serve", "miss",
                stats -> stats.hits() + stats.misses() - stats.nearHits());
        counter(registry, cache, "cache.stale.writes.refused", "Loaded values not stored: their region was invalidated "
                + "during the load", null, CacheStats::staleWritesRefused);
        counter(registry, cache, "cache.degraded.operations", "Operations the store could not serve, turned into a miss "
                + "or a dropped write", null, CacheStats::degradedOperations);
        FunctionCounter.builder("cache.codec.failures", cache, RegionCache::codecFailures)
                .tags(getTagsWithCacheName())
                .description("Stored values a codec refused to decode")
                .register(registry);
        Gauge.builder("cache.invalidation.retries.pending", cache, RegionCache::pendingInvalidationRetries)
                .tags(getTagsWithCacheName())
                .description("Signal-driven invalidations waiting for the store to come back")
                .register(registry);
        cache.onSignalPurged((transport, lag) -> lagByTransport.computeIfAbsent(transport, scheme ->
                Timer.builder("cache.signal.purge.lag")
                        .tags(getTagsWithCacheName()).tag("transport", scheme)
                        .description("From a signal event's timestamp to its purge having landed")
                        .register(registry)).record(lag));
    }

    private void counter(MeterRegistry registry, RegionCache cache, String name, String description, String result,
                         ToDoubleFunction<CacheStats> stat) {
        FunctionCounter.Builder<RegionCache> builder = FunctionCounter.builder(name, cache, c -> stat.applyAsDouble(c.stats()))
                .tags(getTagsWithCacheName())
                .description(description);
        if (result != null) {
            builder.tag("result", result);
        }
        builder.register(registry);
    }

    private long stat(java.util.function.ToLongFunction<CacheStats> stat) {
        RegionCache cache = getCache();
        return cache == null ? 0 : stat.applyAsLong(cache.stats());
    }
}

package io.regioncache.jcache;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * A cache's statistics, counted by this process since the cache was created or {@link #clear}ed
 * (JCache statistics are per cache object, not per region shared by processes). Counting is
 * skipped while statistics are disabled. Times are in microseconds, as the MXBean says.
 */
final class JCacheStatistics implements CacheStatisticsMXBean {

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder removals = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder getNanos = new LongAdder();
    private final LongAdder putNanos = new LongAdder();
    private final LongAdder removeNanos = new LongAdder();
    private volatile boolean enabled;

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void hits(long count) {
        if (enabled) {
            hits.add(count);
        }
    }

    void misses(long count) {
        if (enabled) {
            misses.add(count);
        }
    }

    void puts(long count) {
        if (enabled) {
            puts.add(count);
        }
    }

    void removals(long count) {
        if (enabled) {
            removals.add(count);
        }
    }

    void getTime(long startNanos) {
        if (enabled) {
            getNanos.add(System.nanoTime() - startNanos);
        }
    }

    void putTime(long startNanos) {
        if (enabled) {
            putNanos.add(System.nanoTime() - startNanos);
        }
    }

    void removeTime(long startNanos) {
        if (enabled) {
            removeNanos.add(System.nanoTime() - startNanos);
        }
    }

    @Override
    public void clear() {
        for (LongAdder counter : new LongAdder[] {hits, misses, puts, removals, evictions, getNanos, putNanos, removeNanos}) {
            counter.reset();
        }
    }

    @Override
    public long getCacheHits() {
        return hits.sum();
    }

    @Override
    public float getCacheHitPercentage() {
        long gets = getCacheGets();
        return gets == 0 ? 0 : 100f * getCacheHits() / gets;
    }

    @Override
    public long getCacheMisses() {
        return misses.sum();
    }

    @Override
    public float getCacheMissPercentage() {
        long gets = getCacheGets();
        return gets == 0 ? 0 : 100f * getCacheMisses() / gets;
    }

    @Override
    public long getCacheGets() {
        return getCacheHits() + getCacheMisses();
    }

    @Override
    public long getCachePuts() {
        return puts.sum();
    }

    @Override
    public long getCacheRemovals() {
        return removals.sum();
    }

    @Override
    public long getCacheEvictions() {
        return evictions.sum();
    }

    @Override
    public float getAverageGetTime() {
        return average(getNanos.sum(), getCacheGets());
    }

    @Override
    public float getAveragePutTime() {
        return average(putNanos.sum(), getCachePuts());
    }

    @Override
    public float getAverageRemoveTime() {
        return average(removeNanos.sum(), getCacheRemovals());
    }

    private static float average(long nanos, long count) {
        return count == 0 ? 0 : (float) TimeUnit.NANOSECONDS.toMicros(nanos) / count;
    }
}

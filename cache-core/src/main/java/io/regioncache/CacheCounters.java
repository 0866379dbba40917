package io.regioncache;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The counters behind {@link CacheStats} and the few figures kept apart from it. {@link LongAdder}s,
 * so that threads counting at once do not contend; switched off, every method is a branch on a
 * final field. Near hits are the exception: the near cache counts them itself, per thread, and
 * they are read from it here only when stats are on.
 */
final class CacheCounters {

    private final boolean enabled;
    private final LongSupplier nearHits;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private final LongAdder loadFailures = new LongAdder();
    private final LongAdder staleWritesRefused = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder degradedOperations = new LongAdder();
    private final LongAdder codecFailures = new LongAdder();
    private final LongAdder puts = new LongAdder();

    /**
     * @param nearHits the near cache's count of its hits (it counts them itself, per thread, to
     *                 keep the hit path free of atomic instructions), summed into hits
     */
    CacheCounters(boolean enabled, LongSupplier nearHits) {
        this.enabled = enabled;
        this.nearHits = nearHits;
    }

    void hits(int count) {
        if (enabled && count > 0) {
            hits.add(count);
        }
    }

    void misses(int count) {
        if (enabled && count > 0) {
            misses.add(count);
        }
    }

    void loaded() {
        if (enabled) {
            loads.increment();
        }
    }

    void loadFailed() {
        if (enabled) {
            loadFailures.increment();
        }
    }

    void staleWriteRefused() {
        if (enabled) {
            staleWritesRefused.increment();
        }
    }

    void invalidated() {
        if (enabled) {
            invalidations.increment();
        }
    }

    void degraded() {
        if (enabled) {
            degradedOperations.increment();
        }
    }

    void codecFailed() {
        if (enabled) {
            codecFailures.increment();
        }
    }

    void put(int entries) {
        if (enabled && entries > 0) {
            puts.add(entries);
        }
    }

    CacheStats snapshot() {
        long near = enabled ? nearHits.getAsLong() : 0;
        return new CacheStats(hits.sum() + near, misses.sum(), near, loads.sum(), loadFailures.sum(), staleWritesRefused.sum(),
                invalidations.sum(), degradedOperations.sum());
    }

    long codecFailures() {
        return codecFailures.sum();
    }

    long puts() {
        return puts.sum();
    }
}

package io.regioncache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decoded values kept in this process in front of Redis, bounded by Caffeine (a maximum size and
 * {@link #MAX_AGE}), and kept coherent by Redis' invalidation pushes ({@code CLIENT TRACKING}).
 *
 * <p>Every event that makes entries stale (an invalidation push, a write of this process, a
 * flush) takes a number from one sequence. A read takes the current number before its command
 * leaves and its reply is installed with that number; an entry is served only while no event of
 * its region and no flush came after its number. So a reply that was on its way while its region
 * was invalidated is never served (the fill race), and nothing but a number comparison is needed
 * on a hit. While tracking is off (not yet enabled, or the connection dropped) the near cache
 * is bypassed: nothing is served and nothing installed.
 *
 * <p>Values are shared, not copied: callers must treat what they get as immutable.
 */
final class NearCache {

    /**
     * The longest an entry is served, whatever Redis says: the bound on staleness should
     * notifications stop without the connection being seen to drop (a silent network). Kept on a
     * coarse clock that {@link #tick()} moves every half of it, so that a hit reads no clock: an
     * entry goes between half of it and all of it after its fill.
     */
    static final Duration MAX_AGE = Duration.ofMinutes(1);
    static final Duration TICK = MAX_AGE.dividedBy(2);
    private static final long BYPASSED = Long.MAX_VALUE;

    private record Key(String region, String key) {
    }

    private record Entry(Object value, Codec<?> codec, AtomicLong regionStaleAt, long filledAt, long filledTick) {
    }

    private final Cache<Key, Entry> entries;
    /**
     * Per region, the number of its last invalidation. Weak values: a mark that no entry
     * references is dropped, and a new one starts at the current number, which refuses every
     * reply read before it.
     */
    private final Cache<String, AtomicLong> regionMarks = Caffeine.newBuilder().weakValues().executor(Runnable::run).build();
    private final AtomicLong sequence = new AtomicLong();
    /** Futures completed by the next invalidation of a region, for callers waiting on another process's load. */
    private final ConcurrentMap<String, CompletableFuture<Void>> nextInvalidations = new ConcurrentHashMap<>();
    /**
     * Entries filled before this number are not served and replies read before it not installed:
     * the last flush's number, or {@link #BYPASSED} while tracking is off, which refuses them all.
     * One field, so that a hit reads one volatile for both.
     */
    private volatile long flushedAt = BYPASSED;
    private volatile long ticks;

    NearCache(long maximumSize) {
        // Caffeine's default executor (the common pool) runs the eviction bookkeeping, as for a
        // plain Caffeine cache: run on the reading thread instead, the hit that finds the read
        // buffer full pays for draining it.
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /** The number a read takes before its command leaves, for {@link #fill}. */
    long sequence() {
        return sequence.get();
    }

    /** The value of a current entry decoded by {@code codec}, or null. */
    @SuppressWarnings("unchecked")
    <V> V get(String region, String key, Codec<V> codec) {
        Entry entry = entries.getIfPresent(new Key(region, key));
        if (entry == null || entry.filledAt < entry.regionStaleAt.get() || entry.filledAt < flushedAt
                || ticks - entry.filledTick > 1 || (entry.codec != codec && !entry.codec.equals(codec))) {
            return null;
        }
        return (V) entry.value;
    }

    /** Installs what a read that took {@code readAt} got, unless its region changed since. */
    void fill(String region, String key, Codec<?> codec, Object value, long readAt) {
        if (readAt < flushedAt) {
            return;
        }
        AtomicLong staleAt = regionMarks.get(region, name -> new AtomicLong(sequence.get()));
        if (readAt >= staleAt.get()) {
            entries.put(new Key(region, key), new Entry(value, codec, staleAt, readAt, ticks));
        }
    }

    /**
     * A future completed by the next invalidation of {@code region} (a push for its hash, a purge
     * or a flush): what a caller waiting for another process to store a value there waits on,
     * besides its poll.
     */
    CompletableFuture<Void> nextInvalidation(String region) {
        return nextInvalidations.computeIfAbsent(region, name -> new CompletableFuture<>());
    }

    private void wake(String region) {
        CompletableFuture<Void> waiting = nextInvalidations.remove(region);
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    /** Makes the entries of {@code region} stale: a write to its hash, here or anywhere. */
    void invalidate(String region) {
        wake(region);
        long now = sequence.incrementAndGet();
        AtomicLong staleAt = regionMarks.getIfPresent(region);
        if (staleAt != null) {
            staleAt.accumulateAndGet(now, Math::max);
        }
    }

    /** Makes the entries of {@code region} and of every region below it stale: a purge. */
    void invalidateTree(String region) {
        long now = sequence.incrementAndGet();
        String below = region + ".";
        nextInvalidations.keySet().stream().filter(name -> name.equals(region) || name.startsWith(below)).forEach(this::wake);
        regionMarks.asMap().forEach((name, staleAt) -> {
            if (name.equals(region) || name.startsWith(below)) {
                staleAt.accumulateAndGet(now, Math::max);
            }
        });
    }

    /** Moves the coarse clock of {@link #MAX_AGE} on; called every {@link #TICK}. */
    void tick() {
        ticks++;
    }

    /** Drops every entry: notifications may have been missed, or Redis said to. */
    void flush() {
        long now = sequence.incrementAndGet();
        if (flushedAt != BYPASSED) {
            flushedAt = now;
        }
        entries.invalidateAll();
        nextInvalidations.keySet().forEach(this::wake);
    }

    /** The connection dropped: flushed and bypassed until {@link #trackingOn()}. */
    void trackingLost() {
        flushedAt = BYPASSED;
        flush();
    }

    /** Tracking is on for the connection: reads sent from now on are tracked. */
    void trackingOn() {
        flushedAt = sequence.incrementAndGet();
        entries.invalidateAll();
    }

    long size() {
        return entries.estimatedSize();
    }
}

package io.regioncache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

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
 * <p>A hit is served from its region's own index keyed by the caller's key ({@link
 * RegionEntries}), which the region's view holds: no key object is built per hit. Caffeine
 * holds the same entries keyed by region and key, bounding them across all regions.
 *
 * <p>Values are shared, not copied: callers must treat what they get as immutable.
 */
final class NearCache {

    /**
     * The longest an entry is served, whatever Redis says: the last bound on staleness should
     * notifications stop while Redis still answers ({@link NearHeartbeat} bounds a silent Redis
     * far tighter). Kept on a coarse clock that {@link #tick()} moves every half of it, so that
     * a hit reads no clock: an entry goes between half of it and all of it after its fill.
     */
    static final Duration MAX_AGE = Duration.ofMinutes(1);
    static final Duration TICK = MAX_AGE.dividedBy(2);
    private static final long BYPASSED = Long.MAX_VALUE;
    /**
     * One hit in 16 is also a Caffeine read, which feeds its eviction policy (frequency and
     * recency) without a second lookup on every hit. Caffeine's own read buffer is lossy the same
     * way: the policy needs the hot entries' share of reads, not every read. The hits chosen are
     * those whose per-thread number (from a random start per thread, see {@link
     * PerThreadCounter#increment}), multiplied by the 64-bit golden ratio, has its top 4 bits
     * clear: one in 16, at gaps of 8, 13 or 21 rather than every 16th, so that a thread cycling
     * through 16 keys does not feed the policy the same key every time, and a thread's first hits
     * are as likely to be chosen as any.
     */
    private static final long HIT_SAMPLE_MIX = 0x9E3779B97F4A7C15L;
    private static final int HIT_SAMPLE_SHIFT = 60;

    /**
     * The near entries of one region, indexed by the caller's key, so that a hit looks the key up
     * in its region's map and builds no composite key. Caffeine holds the same entries keyed by
     * region and key: it bounds their number across regions and evicts, dropping the entry from
     * this index inside the same atomic operation, so the index never holds more than Caffeine.
     * A region's views keep it while they live (see {@link #region}).
     *
     * <p>It is the index itself, a ConcurrentHashMap, rather than an object holding one: a hit
     * then follows one reference fewer, which on the hit path costs about as much as the lookup's
     * own work. Its equality is identity, as for any region object, not the map's contents.
     */
    static final class RegionEntries extends ConcurrentHashMap<String, Entry> {

        /** A field of the region, not an AtomicLong beside it: a hit reads it without a second hop. */
        private static final AtomicLongFieldUpdater<RegionEntries> STALE_AT =
                AtomicLongFieldUpdater.newUpdater(RegionEntries.class, "staleAt");

        private final String name;
        /** The number of the region's last invalidation: entries filled before it are stale. */
        private volatile long staleAt;

        private RegionEntries(String name, long staleAt) {
            this.name = name;
            this.staleAt = staleAt;
        }

        private void invalidatedAt(long number) {
            STALE_AT.accumulateAndGet(this, number, Math::max);
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "NearRegion[" + name + "]";
        }
    }

    /**
     * Caffeine's key: a region (by identity, one object per live region) and a key in it. Its hash
     * is computed once, at the fill, rather than by every sampled hit and eviction.
     */
    private static final class Key {

        private final RegionEntries region;
        private final String key;
        private final int hash;

        Key(RegionEntries region, String key) {
            this.region = region;
            this.key = key;
            this.hash = 31 * region.hashCode() + key.hashCode();
        }

        RegionEntries region() {
            return region;
        }

        String key() {
            return key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && region == that.region && key.equals(that.key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return region + ":" + key;
        }
    }

    private record Entry(Key key, Object value, Codec<?> codec, long filledAt, long filledTick) {
    }

    private final Cache<Key, Entry> entries;
    /**
     * The live regions by name. Weak values: a region that no entry and no view references is
     * dropped, and a new one starts at the current number, which refuses every reply read before
     * it (invalidations of a region nobody holds are not recorded).
     */
    private final Cache<String, RegionEntries> regions = Caffeine.newBuilder().weakValues().executor(Runnable::run).build();
    private final AtomicLong sequence = new AtomicLong();
    /** Counted per thread, without an atomic instruction: a hit costs about as much as this count would with one. */
    private final PerThreadCounter hits = new PerThreadCounter();
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
        this(maximumSize, ForkJoinPool.commonPool());
    }

    /**
     * @param maintenance where Caffeine drains its buffers and evicts: its default, the common
     *                    pool, or the calling thread ({@code Runnable::run}) for a test that
     *                    needs eviction decided before it looks
     */
    NearCache(long maximumSize, Executor maintenance) {
        // The eviction listener runs inside Caffeine's atomic removal of the entry, so an evicted
        // entry leaves its region's index at the same moment it leaves Caffeine.
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).executor(maintenance)
                .<Key, Entry>evictionListener((key, entry, cause) -> key.region().remove(key.key(), entry)).build();
    }

    /** The number a read takes before its command leaves, for {@link #fill}. */
    long sequence() {
        return sequence.get();
    }

    /**
     * The entries of the region named {@code name}: the same object for as long as anything holds
     * it. A region view resolves it once and keeps it, so that its hits look nothing up by name.
     */
    RegionEntries region(String name) {
        return regions.get(name, created -> new RegionEntries(created, sequence.get()));
    }

    /** The value of a current entry decoded by {@code codec}, or null; a value returned counts as a hit. */
    @SuppressWarnings("unchecked")
    <V> V get(RegionEntries region, String key, Codec<V> codec) {
        Entry entry = region.get(key);
        if (entry == null || entry.filledAt < region.staleAt || entry.filledAt < flushedAt
                || ticks - entry.filledTick > 1 || (entry.codec != codec && !entry.codec.equals(codec))) {
            return null;
        }
        if ((hits.increment() * HIT_SAMPLE_MIX) >>> HIT_SAMPLE_SHIFT == 0) {
            informEvictionPolicy(entry);
        }
        return (V) entry.value;
    }

    /**
     * A sampled hit, read through Caffeine for its policy's sake. A method of its own so that
     * {@link #get}, the hit path, stays small enough for the JIT to inline into its callers.
     */
    private void informEvictionPolicy(Entry entry) {
        entries.getIfPresent(entry.key);
    }

    /** The hits served, by every thread, since this near cache was made. */
    long hits() {
        return hits.sum();
    }

    /** Installs what a read that took {@code readAt} got, unless its region changed since. */
    void fill(RegionEntries region, String key, Codec<?> codec, Object value, long readAt) {
        if (readAt < flushedAt || readAt < region.staleAt) {
            return;
        }
        Key entryKey = new Key(region, key);
        Entry entry = new Entry(entryKey, value, codec, readAt, ticks);
        // Both maps change under Caffeine's lock of this key, as eviction does.
        entries.asMap().compute(entryKey, (same, replaced) -> {
            region.put(key, entry);
            return entry;
        });
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
        RegionEntries invalidated = regions.getIfPresent(region);
        if (invalidated != null) {
            invalidated.invalidatedAt(now);
        }
    }

    /** Makes the entries of {@code region} and of every region below it stale: a purge. */
    void invalidateTree(String region) {
        long now = sequence.incrementAndGet();
        String below = region + ".";
        nextInvalidations.keySet().stream().filter(name -> name.equals(region) || name.startsWith(below)).forEach(this::wake);
        regions.asMap().forEach((name, invalidated) -> {
            if (name.equals(region) || name.startsWith(below)) {
                invalidated.invalidatedAt(now);
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
        dropAll();
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
        dropAll();
    }

    /**
     * Empties Caffeine, then the regions' indexes (an explicit removal is not an eviction, so the
     * listener does not run). A fill racing this may leave an entry in Caffeine only, which costs a
     * slot until evicted; the index never keeps one Caffeine dropped.
     */
    private void dropAll() {
        entries.invalidateAll();
        regions.asMap().values().forEach(ConcurrentHashMap::clear);
    }

    long size() {
        return entries.estimatedSize();
    }
}

package io.regioncache;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The embedded store for one JVM, with the Redis store's semantics: a hash per region that
 * expires as a whole, child sets, generation tokens. An expired hash is dropped when it is next
 * read and, so that hashes nobody reads again do not pin the heap, by a sweep of the hashes due
 * to expire (at most {@value #SWEEP_BATCH} per write), as Redis's active expiry does. One lock makes every
 * operation atomic, as a Lua script is on Redis. Values are copied in and out, so callers cannot
 * change what is stored.
 */
final class InMemoryRegionStore implements RegionStore {

    static final int SWEEP_BATCH = 100;

    private final Map<String, Hash> hashes = new HashMap<>();
    /** At most one entry per hash with a timeout, ordered by when it was due at enqueue time. */
    private final PriorityQueue<Due> dueHashes = new PriorityQueue<>(Comparator.comparingLong(Due::atNanos));
    private final Map<String, Set<String>> childSets = new HashMap<>();
    /** Generation tokens; never evicted here, so they need no time to live. */
    private final Map<String, String> generations = new HashMap<>();
    /** Nanosecond time source: System.nanoTime, or a test's clock so that expiry needs no sleeping. */
    private final LongSupplier nanoTime;
    private boolean closed;

    InMemoryRegionStore() {
        this(System::nanoTime);
    }

    InMemoryRegionStore(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A region's entries and the moment they expire together. */
    private static final class Hash {
        final Map<String, byte[]> fields = new LinkedHashMap<>();
        long expiresAtNanos;
        boolean expires;
        boolean queued;

        boolean expired(long now) {
            return expires && now - expiresAtNanos >= 0;
        }
    }

    /** A hash that expires, and when it did when it was queued (a later reset re-queues it). */
    private record Due(String region, Hash hash, long atNanos) {
    }

    @Override
    public CompletableFuture<byte[]> get(String region, String key) {
        return completed(() -> field(region, key));
    }

    @Override
    public CompletableFuture<Lookup> lookup(String region, String key, List<String> lineage) {
        return completed(() -> {
            synchronized (this) {
                return new Lookup(field(region, key), generationsOf(lineage));
            }
        });
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> getAll(String region, List<String> keys) {
        return completed(() -> {
            synchronized (this) {
                Map<String, byte[]> hits = new LinkedHashMap<>();
                for (String key : keys) {
                    byte[] bytes = field(region, key);
                    if (bytes != null) {
                        hits.put(key, bytes);
                    }
                }
                return hits;
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> containsKey(String region, String key) {
        return completed(() -> {
            synchronized (this) {
                Hash hash = live(region);
                return hash != null && hash.fields.containsKey(key);
            }
        });
    }

    @Override
    public CompletableFuture<Set<String>> keys(String region) {
        return completed(() -> keysOf(region));
    }

    @Override
    public CompletableFuture<Integer> size(String region) {
        return completed(() -> keysOf(region).size());
    }

    @Override
    public CompletableFuture<Set<String>> children(String region) {
        return completed(() -> {
            synchronized (this) {
                requireOpen();
                return Set.copyOf(childSets.getOrDefault(region, Set.of()));
            }
        });
    }

    @Override
    public CompletableFuture<Integer> write(List<String> lineage, StoreWrite write) {
        return completed(() -> apply(lineage, write));
    }

    private synchronized int apply(List<String> lineage, StoreWrite write) {
        requireOpen();
        sweepExpired();
        if (write.guarded() && !generationsOf(lineage).equals(write.expectedGenerations())) {
            return STALE;
        }
        String region = lineage.get(lineage.size() - 1);
        if (write.fence()) {
            generations.put(region, GenerationTokens.fresh());
        }
        if (!write.puts().isEmpty()) {
            for (int i = 1; i < lineage.size(); i++) {
                childSets.computeIfAbsent(lineage.get(i - 1), parent -> new LinkedHashSet<>()).add(lineage.get(i));
            }
        }
        Hash hash = live(region);
        if (hash == null && !write.puts().isEmpty()) {
            hash = new Hash();
            hashes.put(region, hash);
        }
        if (hash == null) {
            return 0;
        }
        Map<String, byte[]> fields = hash.fields;
        write.puts().forEach((key, bytes) -> fields.put(key, bytes.clone()));
        int removed = (int) write.removes().stream().filter(key -> fields.remove(key) != null).count();
        if (fields.isEmpty()) {
            hashes.remove(region);
        } else if (write.timeout() != null && (write.resetTimeout() || !hash.expires)) {
            hash.expires = true;
            hash.expiresAtNanos = nanoTime.getAsLong() + write.timeout().toNanos();
            queue(region, hash);
        }
        return removed;
    }

    @Override
    public CompletableFuture<byte[]> putIfAbsent(List<String> lineage, String key, byte[] value, Duration timeout,
                                                 boolean resetTimeout) {
        return completed(() -> {
            synchronized (this) {
                byte[] existing = field(lineage.get(lineage.size() - 1), key);
                if (existing == null) {
                    apply(lineage, new StoreWrite(Map.of(key, value), Set.of(), timeout, resetTimeout, null, false));
                }
                return existing;
            }
        });
    }

    @Override
    public CompletableFuture<Void> invalidate(List<String> lineage) {
        return completed(() -> {
            purge(lineage);
            return null;
        });
    }

    private synchronized void purge(List<String> lineage) {
        requireOpen();
        String region = lineage.get(lineage.size() - 1);
        Deque<String> queue = new ArrayDeque<>(List.of(region));
        Set<String> seen = new HashSet<>(queue);
        while (!queue.isEmpty()) {
            String name = queue.removeFirst();
            hashes.remove(name);
            for (String child : childSets.getOrDefault(name, Set.of())) {
                if (seen.add(child)) {
                    queue.addLast(child);
                }
            }
            childSets.remove(name);
        }
        generations.put(region, GenerationTokens.fresh());
        if (lineage.size() > 1) {
            Set<String> siblings = childSets.get(lineage.get(lineage.size() - 2));
            if (siblings != null && siblings.remove(region) && siblings.isEmpty()) {
                childSets.remove(lineage.get(lineage.size() - 2));
            }
        }
    }

    @Override
    public CompletableFuture<Void> invalidateKeys(String region, Collection<String> keys) {
        return completed(() -> {
            synchronized (this) {
                requireOpen();
                Hash hash = live(region);
                if (hash != null) {
                    keys.forEach(hash.fields::remove);
                    if (hash.fields.isEmpty()) {
                        hashes.remove(region);
                    }
                }
                generations.put(region, GenerationTokens.fresh());
                return null;
            }
        });
    }

    @Override
    public CompletableFuture<Optional<Duration>> timeToLive(String region) {
        return completed(() -> {
            synchronized (this) {
                Hash hash = live(region);
                return hash == null || !hash.expires ? Optional.empty()
                        : Optional.of(Duration.ofNanos(Math.max(0, hash.expiresAtNanos - nanoTime.getAsLong())));
            }
        });
    }

    @Override
    public CompletableFuture<Void> expire(String region, Duration timeout) {
        return completed(() -> {
            synchronized (this) {
                Hash hash = live(region);
                if (hash != null) {
                    hash.expires = true;
                    hash.expiresAtNanos = nanoTime.getAsLong() + timeout.toNanos();
                    queue(region, hash);
                }
                return null;
            }
        });
    }

    /**
     * Runs an operation now, on the caller's thread: the future is complete when it is returned.
     * A closed store throws at once, as the Redis store does.
     */
    private static <T> CompletableFuture<T> completed(Supplier<T> operation) {
        return CompletableFuture.completedFuture(operation.get());
    }

    private synchronized byte[] field(String region, String key) {
        Hash hash = live(region);
        byte[] bytes = hash == null ? null : hash.fields.get(key);
        return bytes == null ? null : bytes.clone();
    }

    private synchronized Set<String> keysOf(String region) {
        Hash hash = live(region);
        return hash == null ? Set.of() : hash.fields.keySet().stream()
                .filter(field -> !RedisKeyLayout.isReservedField(field))
                .collect(Collectors.toUnmodifiableSet());
    }

    private synchronized List<String> generationsOf(List<String> lineage) {
        requireOpen();
        return lineage.stream()
                .map(region -> generations.getOrDefault(region, ""))
                .collect(Collectors.toList());
    }

    private void queue(String region, Hash hash) {
        if (!hash.queued) {
            hash.queued = true;
            dueHashes.add(new Due(region, hash, hash.expiresAtNanos));
        }
    }

    /**
     * Drops up to {@value #SWEEP_BATCH} hashes that are due. An entry whose hash was since
     * replaced or deleted is discarded; one whose timeout was restarted goes back in the queue.
     */
    private void sweepExpired() {
        long now = nanoTime.getAsLong();
        for (int i = 0; i < SWEEP_BATCH && !dueHashes.isEmpty() && now - dueHashes.peek().atNanos() >= 0; i++) {
            Due due = dueHashes.poll();
            due.hash().queued = false;
            if (hashes.get(due.region()) != due.hash()) {
                continue;
            }
            if (due.hash().expired(now)) {
                hashes.remove(due.region());
            } else {
                queue(due.region(), due.hash());
            }
        }
    }

    /** How many region hashes are held in memory, expired or not. */
    synchronized int heldRegions() {
        return hashes.size();
    }

    /** The region's hash unless it is absent or expired (an expired one is dropped, as Redis does). */
    private Hash live(String region) {
        requireOpen();
        Hash hash = hashes.get(region);
        if (hash != null && hash.expired(nanoTime.getAsLong())) {
            hashes.remove(region);
            return null;
        }
        return hash;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The RegionCache is closed");
        }
    }

    /** Empty: no other cache shares this process-local data. */
    @Override
    public Optional<String> sharedIdentity() {
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        closed = true;
        hashes.clear();
        dueHashes.clear();
        childSets.clear();
        generations.clear();
    }

    @Override
    public String toString() {
        return "in-memory";
    }
}

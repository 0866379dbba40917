package io.regioncache;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where regions live: Redis or memory. Regions are addressed by full name (without key prefix)
 * and, where ancestors matter, by their lineage (root first). Values are the codec's bytes.
 *
 * <p>Non-blocking: every operation returns at once with a future (the in-memory store's are
 * already complete) that a store which cannot be reached completes with {@link
 * CacheUnavailableException}. A closed store throws {@link IllegalStateException} at once.
 * Implementations are thread-safe, and the futures of the Redis store complete on Lettuce's I/O
 * threads, so what is chained on them must not block.
 */
interface RegionStore extends AutoCloseable {

    /** What {@link #write} returns when a guarded write found a generation changed. */
    int STALE = -1;

    CompletableFuture<byte[]> get(String region, String key);

    /**
     * The field and the generations of {@code lineage}, read together: on Redis both commands are
     * sent before either reply is awaited, so a {@code getOrCompute} miss costs one round trip
     * here and one for the guarded write.
     */
    CompletableFuture<Lookup> lookup(String region, String key, List<String> lineage);

    /**
     * {@link #lookup}, and on a miss a load lease on the key for {@code lease}: returns a hit, or
     * a miss once this caller ({@code token}) holds the lease, waiting while another caller's
     * live lease runs (until it stores the value, gives the lease back, expires or is killed by a
     * purge). A store only this process sees has no other caller to wait for: this is {@link
     * #lookup}, and one process's callers are kept to one load by its single flight.
     */
    default CompletableFuture<Lookup> leaseLookup(String region, String key, List<String> lineage, String token,
                                                  Duration lease) {
        return lookup(region, key, lineage);
    }

    /** Gives back the lease {@code token} took, if it still holds it. */
    default CompletableFuture<Void> releaseLease(String region, String key, String token) {
        return CompletableFuture.completedFuture(null);
    }

    /** The hits only, in the order of {@code keys}. */
    CompletableFuture<Map<String, byte[]>> getAll(String region, List<String> keys);

    /**
     * {@link #getAll}, also reading the generations of {@code lineage} in the same round trip for
     * no result: a near cache's fill, so that Redis tracks them for it (see {@link ClientTracking}).
     * A store without tracking has nothing more to read.
     */
    default CompletableFuture<Map<String, byte[]>> getAllTracked(String region, List<String> keys, List<String> lineage) {
        return getAll(region, keys);
    }

    CompletableFuture<Boolean> containsKey(String region, String key);

    /** Without reserved fields. */
    CompletableFuture<Set<String>> keys(String region);

    /** Without reserved fields. */
    CompletableFuture<Integer> size(String region);

    /** The full names in the region's child set. */
    CompletableFuture<Set<String>> children(String region);

    /**
     * Applies {@code write} to the last region of {@code lineage} in one atomic step: unless
     * guarded and stale, links each region of the lineage into its parent's child set (when
     * something is put), sets and deletes fields, then applies the timeout rule.
     *
     * @return the number of deleted fields that existed, or {@link #STALE}
     */
    CompletableFuture<Integer> write(List<String> lineage, StoreWrite write);

    /**
     * Sets field {@code key} of the last region of {@code lineage} unless it has one, in one
     * atomic step: when it sets it, it links the lineage into the child sets and applies the
     * timeout rule as a put through {@link #write} does; when the field is there, it changes
     * nothing.
     *
     * @param timeout      the region's timeout, null for none
     * @param resetTimeout restart the timeout even if the hash already has one
     * @return the bytes already there, or null when this call stored {@code value}
     */
    CompletableFuture<byte[]> putIfAbsent(List<String> lineage, String key, byte[] value, Duration timeout,
                                          boolean resetTimeout);

    /**
     * Deletes the last region of {@code lineage} and all regions reachable through child sets,
     * sets its generation to a fresh token (so that loads in flight cannot store their results)
     * and unlinks it from its parent, atomically.
     */
    CompletableFuture<Void> invalidate(List<String> lineage);

    /** Deletes the fields and sets the region's generation to a fresh token, atomically. */
    CompletableFuture<Void> invalidateKeys(String region, Collection<String> keys);

    CompletableFuture<Optional<Duration>> timeToLive(String region);

    CompletableFuture<Void> expire(String region, Duration timeout);

    /**
     * What identifies the data this store holds to other processes, or empty for a store no other
     * cache can share. For Redis an id kept in Redis itself, so that it names the server, not how
     * this process addressed it.
     */
    Optional<String> sharedIdentity();

    /**
     * The near cache in front of this store, kept coherent by it, or null for none (the in-memory
     * store is in this process already).
     */
    default NearCache nearCache() {
        return null;
    }

    @Override
    void close();

    /**
     * A field read together with the generations of its region's lineage.
     *
     * @param value       the field's bytes, null on a miss
     * @param generations the lineage's generation tokens ("" for none yet), root first
     */
    record Lookup(byte[] value, List<String> generations) {
    }
}

package io.regioncache;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where regions live: Redis or memory. Regions are addressed by full name (without key prefix)
 * and, where ancestors matter, by their lineage (root first). Values are the codec's bytes.
 * Implementations are thread-safe; a store that cannot be reached throws {@link
 * CacheUnavailableException}, a closed store {@link IllegalStateException}.
 */
interface RegionStore extends AutoCloseable {

    /** What {@link #write} returns when a guarded write found a generation changed. */
    int STALE = -1;

    byte[] get(String region, String key);

    /** The hits only, in the order of {@code keys}. */
    Map<String, byte[]> getAll(String region, List<String> keys);

    boolean containsKey(String region, String key);

    /** Without reserved fields. */
    Set<String> keys(String region);

    /** Without reserved fields. */
    int size(String region);

    /** The full names in the region's child set. */
    Set<String> children(String region);

    /**
     * Applies {@code write} to the last region of {@code lineage} in one atomic step: unless
     * guarded and stale, links each region of the lineage into its parent's child set (when
     * something is put), sets and deletes fields, then applies the timeout rule.
     *
     * @return the number of deleted fields that existed, or {@link #STALE}
     */
    int write(List<String> lineage, StoreWrite write);

    /** The generation token of each region of the lineage, "" for none yet. */
    List<String> generations(List<String> lineage);

    /**
     * Deletes the last region of {@code lineage} and all regions reachable through child sets,
     * sets a fresh generation token on it and unlinks it from its parent, atomically.
     */
    void invalidate(List<String> lineage);

    /** Deletes the fields and sets a fresh generation token on the region, atomically. */
    void invalidateKeys(String region, Collection<String> keys);

    Optional<Duration> timeToLive(String region);

    void expire(String region, Duration timeout);

    /**
     * What identifies the data this store holds to other processes, or empty for a store no other
     * cache can share. For Redis an id kept in Redis itself, so that it names the server, not how
     * this process addressed it.
     */
    Optional<String> sharedIdentity();

    @Override
    void close();
}

package io.regioncache;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The non-blocking view of a {@link Region}: the same region, the same semantics (failure policy,
 * generation fences, codecs), with every operation returning at once. Thousands of operations may
 * be in flight from one thread over the cache's one multiplexed connection; {@link Region} is a
 * view of this one that waits for each result.
 *
 * <p>Failures complete the future exceptionally with the exceptions the blocking API throws
 * ({@link CacheUnavailableException} under RAISE or for an invalidation, {@link CodecException});
 * argument errors ({@link NullPointerException}, {@link IllegalArgumentException}) and a closed
 * cache ({@link IllegalStateException}) are thrown at once.
 *
 * <p>Over Redis the futures complete on Lettuce's I/O threads, which serve every operation of the
 * cache: a stage chained on them must not block (no {@code join()}, no blocking {@link Region}
 * call, no JDBC); hand such work to an executor with the {@code *Async} variants of
 * {@link CompletableFuture}. Thread-safe.
 *
 * @param <V> the type of the values, as the region's codec handles
 */
public interface AsyncRegion<V> {

    /** The blocking view of this region. */
    Region<V> sync();

    /** The fully qualified name, such as {@code "root.abc.xyz"}. */
    String name();

    /**
     * One HGET plus decoding.
     *
     * @return a future of the value, or of null on a miss
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is reserved
     */
    CompletableFuture<V> get(String key);

    /**
     * @return a future of the hits only, in the order of {@code keys}
     * @throws NullPointerException     if {@code keys} or one of them is null
     * @throws IllegalArgumentException if a key is reserved
     */
    CompletableFuture<Map<String, V>> getAll(Collection<String> keys);

    /**
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is reserved
     */
    CompletableFuture<Boolean> containsKey(String key);

    /**
     * Stores a value, links this region into its ancestors and applies the timeout, atomically.
     *
     * @throws NullPointerException     if {@code key} or {@code value} is null
     * @throws IllegalArgumentException if {@code key} is reserved
     * @throws CodecException           if the value cannot be encoded (nothing is written)
     */
    CompletableFuture<Void> put(String key, V value);

    /**
     * Stores all entries in one atomic step; nothing is written if any entry is invalid.
     *
     * @throws NullPointerException     if {@code entries} or a key or value in it is null
     * @throws IllegalArgumentException if a key is reserved
     * @throws CodecException           if a value cannot be encoded (nothing is written)
     */
    CompletableFuture<Void> putAll(Map<String, ? extends V> entries);

    /**
     * Stores the value unless the key has one, in one atomic step, as {@link Region#putIfAbsent}.
     *
     * @return a future of the value already there, or of null when this value was stored
     * @throws NullPointerException     if {@code key} or {@code value} is null
     * @throws IllegalArgumentException if {@code key} is reserved
     * @throws CodecException           if the value cannot be encoded (nothing is written)
     */
    CompletableFuture<V> putIfAbsent(String key, V value);

    /**
     * Removes the key and fences loads in flight, as {@link Region#remove} does.
     *
     * @return a future of true if the key was there
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is reserved
     */
    CompletableFuture<Boolean> remove(String key);

    /** The keys of this region's own entries, without bookkeeping fields. */
    CompletableFuture<Set<String>> keys();

    /** The number of this region's own entries. */
    CompletableFuture<Integer> size();

    /**
     * Returns the cached value, or runs {@code loader} and stores what its stage completes with.
     * A miss costs two round trips: the HGET and the generation read sent together, then the
     * guarded write. A load that started before an invalidation of this region or an ancestor is
     * returned but not stored; a null result is returned and not stored.
     *
     * <p>{@code loader} is called on the thread that completes the read (a Lettuce I/O thread over
     * Redis), so it must only start its work, such as {@code () -> CompletableFuture.supplyAsync(load,
     * executor)}, and never block.
     *
     * @throws NullPointerException     if {@code key} or {@code loader} is null
     * @throws IllegalArgumentException if {@code key} is reserved
     */
    CompletableFuture<V> getOrCompute(String key, Supplier<? extends CompletionStage<? extends V>> loader);

    /**
     * Purges this region and every descendant in one atomic step, as {@link Region#invalidate}.
     * Fails with {@link CacheUnavailableException} under every failure policy if it cannot be applied.
     */
    CompletableFuture<Void> invalidate();

    /** What the store reports for this region's hash now: empty without a timeout. */
    CompletableFuture<Optional<Duration>> timeToLive();
}

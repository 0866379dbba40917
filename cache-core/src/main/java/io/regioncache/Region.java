package io.regioncache;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.Subscription;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A named, nestable group of cache entries: one Redis hash at {@code <keyPrefix><name>}, linked
 * into its parent's {@code ::child_caches} set by every write. Invalidating a region purges it and
 * every descendant in one atomic step, for every process sharing the store.
 *
 * <p>Region objects are cheap views: creating one does no I/O. They are thread-safe. Two region
 * objects of the same cache with the same name are equal, whatever their options. Keys are
 * non-null strings not starting with {@code __} (reserved for bookkeeping); values are non-null.
 * When the store cannot be reached, reads and writes follow the cache's {@link FailurePolicy};
 * {@link #invalidate()} always throws.
 *
 * <p>Each method waits for its result; {@link #async()} gives the same region without waiting.
 * Do not call these methods from a stage chained on an {@link AsyncRegion} future: over Redis that
 * stage runs on a Lettuce I/O thread, which the wait would block.
 *
 * @param <V> the type of the values, as the region's {@link RegionOptions#codec() codec} handles
 */
public interface Region<V> {

    /** The fully qualified name, such as {@code "root.abc.xyz"}. */
    String name();

    /** The parent region (a view with this region's options), empty for the root. */
    Optional<Region<?>> parent();

    /**
     * A sub-region with this region's options. Does no I/O.
     *
     * @param childName a name relative to this region; {@code "a.b"} nests two levels
     * @throws NullPointerException     if {@code childName} is null
     * @throws IllegalArgumentException if {@code childName} is not a valid region name (empty
     *                                  segment, leading or trailing dot, {@code ::}, whitespace or
     *                                  control characters)
     */
    Region<V> region(String childName);

    /**
     * A sub-region with its own options. Does no I/O.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code childName} is not a valid region name
     */
    <W> Region<W> region(String childName, RegionOptions<W> options);

    /**
     * The sub-regions the store knows of, written by any process, sorted by name (views with this
     * region's options). A child whose entries expired may still be listed until its parent is
     * invalidated.
     */
    List<Region<?>> children();

    /**
     * One HGET round trip plus decoding.
     *
     * @return the value, or null on a miss
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is reserved
     * @throws CodecException           under RAISE, if the stored bytes cannot be decoded
     * @throws CacheUnavailableException under RAISE, if the store cannot be reached
     */
    V get(String key);

    /**
     * @return the hits only, in the order of {@code keys}
     * @throws NullPointerException     if {@code keys} or one of them is null
     * @throws IllegalArgumentException if a key is reserved
     * @throws CodecException           under RAISE, if stored bytes cannot be decoded
     * @throws CacheUnavailableException under RAISE, if the store cannot be reached
     */
    Map<String, V> getAll(Collection<String> keys);

    /**
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is reserved
     * @throws CacheUnavailableException under RAISE, if the store cannot be reached
     */
    boolean containsKey(String key);

    /**
     * Stores a value, links this region into its ancestors and applies the timeout, atomically.
     *
     * @throws NullPointerException     if {@code key} or {@code value} is null
     * @throws IllegalArgumentException if {@code key} is reserved
     * @throws CodecException           if the value cannot be encoded (nothing is written)
     * @throws CacheUnavailableException under RAISE, if the store cannot be reached
     */
    void put(String key, V value);

    /**
     * Stores all entries in one atomic step; nothing is written if any entry is invalid.
     *
     * @throws NullPointerException     if {@code entries} or a key or value in it is null
     * @throws IllegalArgumentException if a key is reserved
     * @throws CodecException           if a value cannot be encoded (nothing is written)
     * @throws CacheUnavailableException under RAISE, if the store cannot be reached
     */
    void putAll(Map<String, ? extends V> entries);

    /**
     * Stores the value unless the key has one, in one atomic step for every process sharing the
     * store (one script on Redis): of two callers racing on one key, in any processes, exactly one
     * stores its value and the other gets it back. When it stores, it links this region into its
     * ancestors and applies the timeout as {@link #put} does; when the key has a value, nothing
     * changes (the timeout is not restarted). It reads nothing before its step, so, like {@link
     * #put}, it needs no guard against a purge and fences no load in flight: a load that started
     * earlier and stores later replaces it, as it would replace a put. This process's near cache
     * drops the region's entries around it, as for every own write. Never served from the near
     * cache: the answer is the store's.
     *
     * @return the value already there (this one was not stored), or null when this value was
     *         stored; also null under DEGRADE when the store cannot be reached (nothing is
     *         stored) or when the value there cannot be decoded (it is kept)
     * @throws NullPointerException     if {@code key} or {@code value} is null
     * @throws IllegalArgumentException if {@code key} is reserved
     * @throws CodecException           if the value cannot be encoded (nothing is written), or
     *                                  under RAISE if the value there cannot be decoded
     * @throws CacheUnavailableException under RAISE, if the store cannot be reached
     */
    V putIfAbsent(String key, V value);

    /**
     * Removes the key and, in the same atomic step, makes loads of this region that started
     * before it ({@link #getOrCompute}, {@link #cached}) unable to store their results, as an
     * invalidation does, so that a removed value cannot be put back by a load in flight.
     *
     * @return true if the key was there
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is reserved
     * @throws CacheUnavailableException under RAISE, if the store cannot be reached
     */
    boolean remove(String key);

    /**
     * The keys of this region's own entries (not of its sub-regions), without bookkeeping fields.
     *
     * @throws CacheUnavailableException under RAISE, if the store cannot be reached
     */
    Set<String> keys();

    /**
     * The number of this region's own entries, without bookkeeping fields.
     *
     * @throws CacheUnavailableException under RAISE, if the store cannot be reached
     */
    int size();

    /**
     * Returns the cached value, or loads, stores and returns it. A load that started before an
     * invalidation of this region or of an ancestor is returned to the caller but not stored.
     * A null from the loader is returned and not stored. Concurrent misses may each run the loader.
     * The loader runs on the calling thread. A miss costs two round trips: the HGET sent together
     * with the read of the generations that guard the write, then the guarded write.
     *
     * @throws NullPointerException     if {@code key} or {@code loader} is null
     * @throws IllegalArgumentException if {@code key} is reserved
     * @throws CacheUnavailableException under RAISE, if the store cannot be reached
     */
    V getOrCompute(String key, Supplier<? extends V> loader);

    /**
     * Memoizes {@code function} in this region with {@link #getOrCompute}. The key is {@code
     * String.valueOf(argument)} for strings, boxed primitives, enums and UUIDs (a result
     * starting with {@code __} or holding an unpaired surrogate is digested instead, see below); for other arguments it is {@code
     * "sha256:"} and the SHA-256 of the argument's Java serialization, or of {@code
     * "<class name>:<toString()>"} when the argument is not serializable (so its toString must
     * identify it).
     *
     * @throws NullPointerException if {@code function} is null; the returned function throws it
     *                              for a null argument
     */
    <A> Function<A, V> cached(Function<? super A, ? extends V> function);

    /**
     * Runs {@code work} against a transaction that buffers its writes, then applies them all and
     * the timeout refresh in one atomic step. If {@code work} throws, nothing is written and the
     * exception propagates.
     *
     * @throws NullPointerException     if {@code work} is null
     * @throws CacheUnavailableException under RAISE, if the store cannot be reached
     */
    void transaction(Consumer<RegionTransaction<V>> work);

    /**
     * Purges this region and every descendant, written by any process, in one atomic step (one
     * round trip whatever the size of the tree), and makes loads that started before it unable to
     * store their results.
     *
     * @throws CacheUnavailableException under every failure policy, if it cannot be applied
     */
    void invalidate();

    /**
     * Invalidates this whole region whenever any of the signals fires (or reports possible event
     * loss). In-process transports (local signals, Guava) get the purge done before {@code send} or
     * {@code post} returns; transports that acknowledge events (Kafka) get a stage from {@link
     * io.regioncache.signals.SignalListener#onSignalAsync} that completes when the purge has landed,
     * and never have their thread blocked. An invalidation that cannot reach the store is retried
     * in the background with backoff until it lands (then that stage completes) or the cache is
     * closed (then it completes exceptionally, and the event is not acknowledged): one retry loop,
     * and no exception thrown into the transport. The first failure of an outage is logged at WARN
     * per binding, later ones at DEBUG.
     *
     * <p>On a Redis store each binding subscribes with the group {@code
     * region-cache:<store id>:<keyPrefix><region>:<signal>}, where the store id is a random id
     * kept in that Redis (at {@code <keyPrefix>::store-id}, made by the first cache that connects),
     * so that it names the server rather than how it was addressed; processes sharing a store
     * share the work on transports with groups (Kafka) while other regions and other stores each
     * get every event; an in-memory store subscribes without a group. Binding the same region to
     * the same signal twice on one store therefore shares one group: the events are split between
     * the two bindings.
     *
     * @return closes every binding made by this call; {@link RegionCache#close()} closes it too
     * @throws NullPointerException     if {@code signals} or one of them is null
     * @throws IllegalArgumentException if no signal is given
     * @throws IllegalStateException    if the cache is closed
     */
    Subscription invalidateOn(Signal... signals);

    /**
     * Invalidates what {@code rule} says for each event of {@code signal}; possible event loss
     * invalidates the whole region. A rule that throws or returns null is logged and treated as
     * {@link Invalidation#region()}, the safe choice; the rule's exception never reaches the
     * transport. An invalidation that cannot reach the store is retried until it lands, as for
     * {@link #invalidateOn(Signal...)}.
     *
     * @return closes the binding; {@link RegionCache#close()} closes it too
     * @throws NullPointerException  if an argument is null
     * @throws IllegalStateException if the cache is closed
     */
    Subscription invalidateOn(Signal signal, Function<SignalEvent, Invalidation> rule);

    /**
     * What the store reports for this region's hash now: empty if it has no timeout or does not
     * exist.
     *
     * @throws CacheUnavailableException under RAISE, if the store cannot be reached
     */
    Optional<Duration> timeToLive();

    /**
     * Restarts the configured timeout of this region's hash; does nothing without a timeout.
     *
     * @throws CacheUnavailableException under RAISE, if the store cannot be reached
     */
    void resetTimeout();

    /** This region's options. */
    RegionOptions<V> options();

    /**
     * The non-blocking view of this region: same name, options and semantics. This blocking view
     * is built on it, so both see and do the same. Does no I/O.
     */
    AsyncRegion<V> async();
}

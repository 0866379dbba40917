package io.regioncache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AsyncRegion} backed by its cache's {@link RegionStore}: the one implementation of a
 * region's operations (failure policy, generation fences, codecs, stats), which {@link
 * BlockingRegion} waits on. Argument errors are thrown at once; nothing here blocks.
 */
final class CacheRegion<V> implements AsyncRegion<V> {

    private static final Logger LOG = LoggerFactory.getLogger(CacheRegion.class);

    private final CacheContext context;
    private final RegionName name;
    /** The name's full form, kept apart because every near hit needs it. */
    private final String fullName;
    private final RegionOptions<V> options;
    /** The near cache if this region uses one, else null: a field, because every hit needs it. */
    private final NearCache near;
    /**
     * This region's entries in the near cache, resolved on first use and then held for as long as
     * this view lives, so that a hit looks nothing up by name; null until then or without a near
     * cache. Not resolved at construction: views made for one purge never read. Racy on purpose:
     * every thread resolves the same object, safely published (its fields are final or volatile).
     */
    private NearCache.RegionEntries nearEntries;

    CacheRegion(CacheContext context, RegionName name, RegionOptions<V> options) {
        this.context = context;
        this.name = name;
        this.fullName = name.full();
        this.options = options;
        this.near = options.nearCache() ? context.near() : null;
    }

    /**
     * What a {@code getOrCompute} read found: a value, or the generations to guard the load's
     * write with and, with a load lease, the token of the lease this caller holds (else null).
     */
    record Found<V>(V value, List<String> generations, String leaseToken) {
    }

    @Override
    public Region<V> sync() {
        return new BlockingRegion<>(this);
    }

    @Override
    public String name() {
        return fullName;
    }

    CacheContext context() {
        return context;
    }

    RegionName regionName() {
        return name;
    }

    RegionOptions<V> options() {
        return options;
    }

    @Override
    public CompletableFuture<V> get(String key) {
        V nearValue = nearHit(key);
        return nearValue != null ? CompletableFuture.completedFuture(nearValue) : remoteGet(key);
    }

    /**
     * A get that the near cache could not serve: read from the store and installed near. With a
     * near cache the read takes the lineage's generations along (one round trip still), only so
     * that Redis tracks them: a purge of an ancestor then reaches this process in one push.
     */
    CompletableFuture<V> remoteGet(String key) {
        EntryKeys.requireValid(key);
        if (near == null) {
            return storedBytes(key).thenApply(bytes -> counted(key, bytes));
        }
        long readAt = readAt();
        return context.guard().read("get", () -> store().lookup(fullName, key, name.lineage()), new RegionStore.Lookup(null, null))
                .thenApply(found -> filled(key, counted(key, found.value()), readAt));
    }

    /**
     * The near cache's value of {@code key} (the near cache counts the hit), or null: the blocking view's
     * fast path, which needs no future. The key is validated only on a miss: only a valid key's
     * value is ever installed, so an invalid one misses here and is refused by the store read.
     */
    V nearHit(String key) {
        Objects.requireNonNull(key, "key");
        return near == null ? null : near.get(nearEntries(), key, options.codec());
    }

    /** This region's entries in the near cache, or null without one. */
    NearCache.RegionEntries nearEntries() {
        NearCache.RegionEntries resolved = nearEntries;
        if (resolved == null && near != null) {
            resolved = near.region(fullName);
            nearEntries = resolved;
        }
        return resolved;
    }

    /** The near cache if this region uses one, else null. */
    NearCache near() {
        return near;
    }

    /** The near cache's number for a read about to leave (see {@link NearCache#fill}); 0 without one. */
    private long readAt() {
        if (near == null) {
            return 0;
        }
        // Resolved before the number is taken: a region created later would refuse the reply.
        nearEntries();
        return near.sequence();
    }

    /** Installs a value read from the store in the near cache, if the region uses one. */
    private V filled(String key, V value, long readAt) {
        if (value != null && near != null) {
            near.fill(nearEntries(), key, options.codec(), value, readAt);
        }
        return value;
    }

    /**
     * Serves what the near cache holds and reads only the rest from the store, in one command,
     * installing what it finds as {@link #get} does (a reply read before an invalidation of the
     * region is not installed). The result keeps the order of {@code keys}.
     */
    @Override
    public CompletableFuture<Map<String, V>> getAll(Collection<String> keys) {
        List<String> wanted = List.copyOf(Objects.requireNonNull(keys, "keys"));
        wanted.forEach(EntryKeys::requireValid);
        Map<String, V> nearHits = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (String key : wanted) {
            V value = nearHit(key);
            if (value != null) {
                nearHits.put(key, value);
            } else {
                rest.add(key);
            }
        }
        if (rest.isEmpty()) {
            return CompletableFuture.completedFuture(inOrder(wanted, nearHits, Map.of()));
        }
        long readAt = readAt();
        Supplier<CompletableFuture<Map<String, byte[]>>> read = near == null ? () -> store().getAll(fullName, rest)
                : () -> store().getAllTracked(fullName, rest, name.lineage());
        return context.guard().read("getAll", read, Map.<String, byte[]>of()).thenApply(found -> {
            Map<String, V> hits = new LinkedHashMap<>();
            found.forEach((key, bytes) -> {
                V value = filled(key, decode(key, bytes), readAt);
                if (value != null) {
                    hits.put(key, value);
                }
            });
            context.counters().hits(hits.size());
            context.counters().misses(rest.size() - hits.size());
            return inOrder(wanted, nearHits, hits);
        });
    }

    /** The values found near or in the store, in the order the caller asked for their keys. */
    private static <V> Map<String, V> inOrder(List<String> wanted, Map<String, V> nearHits, Map<String, V> storeHits) {
        Map<String, V> all = new LinkedHashMap<>();
        for (String key : wanted) {
            V value = nearHits.containsKey(key) ? nearHits.get(key) : storeHits.get(key);
            if (value != null) {
                all.put(key, value);
            }
        }
        return all;
    }

    @Override
    public CompletableFuture<Boolean> containsKey(String key) {
        EntryKeys.requireValid(key);
        return context.guard().read("containsKey", () -> store().containsKey(fullName, key), false);
    }

    @Override
    public CompletableFuture<Void> put(String key, V value) {
        EntryKeys.requireValid(key);
        Objects.requireNonNull(value, "value");
        return write(Map.of(key, encode(key, value)), Set.of());
    }

    @Override
    public CompletableFuture<Void> putAll(Map<String, ? extends V> entries) {
        Objects.requireNonNull(entries, "entries");
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            EntryKeys.requireValid(key);
            Objects.requireNonNull(value, () -> "value of key '" + key + "'");
            encoded.put(key, encode(key, value));
        });
        return encoded.isEmpty() ? CompletableFuture.completedFuture(null) : write(encoded, Set.of());
    }

    /**
     * Goes to the store even when the near cache holds the key: a near entry may be stale within
     * the notification delay, and the answer must be the store's.
     */
    @Override
    public CompletableFuture<V> putIfAbsent(String key, V value) {
        EntryKeys.requireValid(key);
        Objects.requireNonNull(value, "value");
        byte[] bytes = encode(key, value);
        return context.guard().read("putIfAbsent", () -> store().putIfAbsent(name.lineage(), key, bytes,
                        options.timeout().orElse(null), options.updateResetsTimeout()).thenApply(existing -> {
                    if (existing == null) {
                        context.counters().put(1);
                    }
                    return existing;
                }), null)
                .thenApply(existing -> existing == null ? null : decode(key, existing));
    }

    @Override
    public CompletableFuture<Boolean> remove(String key) {
        EntryKeys.requireValid(key);
        return context.guard().read("remove",
                () -> store().write(name.lineage(), storeWrite(Map.of(), Set.of(key), null).fenced()).thenApply(removed -> removed > 0),
                false);
    }

    @Override
    public CompletableFuture<Set<String>> keys() {
        return context.guard().read("keys", () -> store().keys(fullName), Set.of());
    }

    @Override
    public CompletableFuture<Integer> size() {
        return context.guard().read("size", () -> store().size(fullName), 0);
    }

    /** The full names in this region's child set; empty under DEGRADE when the store is unreachable. */
    CompletableFuture<Set<String>> childNames() {
        return context.guard().read("children of " + name, () -> store().children(fullName), Set.of());
    }

    @Override
    public CompletableFuture<V> getOrCompute(String key, Supplier<? extends CompletionStage<? extends V>> loader) {
        EntryKeys.requireValid(key);
        Objects.requireNonNull(loader, "loader");
        V nearValue = nearHit(key);
        if (nearValue != null) {
            return CompletableFuture.completedFuture(nearValue);
        }
        return singleFlight(key, () -> lookup(key).thenCompose(found -> found.value() != null
                ? CompletableFuture.completedFuture(found.value())
                : releasingLease(key, found, () -> load(loader)
                        .thenCompose(loaded -> storeLoaded(key, found.generations(), loaded).thenApply(stored -> loaded)))));
    }

    /**
     * Runs {@code load} unless a load of {@code key} by this process is in flight, whose value or
     * failure is then this caller's too: concurrent misses of one key load once per process. A
     * flight is the whole miss (the store read, the lease, the loader, the guarded write), so
     * that callers of the lease holder's own process wait on its future, not by polling Redis.
     */
    CompletableFuture<V> singleFlight(String key, Supplier<CompletableFuture<V>> load) {
        return context.loads().join(fullName, key, options.codec(), load);
    }

    /**
     * Reads the key and, in the same round trip, the lineage's generations: read before the load,
     * an invalidation during the load changes one of them, and the guarded write of {@link
     * #storeLoaded} then refuses to store a value computed from stale data. Under DEGRADE an
     * unreachable store is a miss without generations (nothing will be stored).
     */
    CompletableFuture<Found<V>> lookup(String key) {
        V nearValue = nearHit(key);
        if (nearValue != null) {
            // A hit needs no generations: nothing will be loaded.
            return CompletableFuture.completedFuture(new Found<>(nearValue, List.of(), null));
        }
        EntryKeys.requireValid(key);
        long readAt = readAt();
        String leaseToken = options.loadLease().map(lease -> GenerationTokens.fresh()).orElse(null);
        Supplier<CompletableFuture<RegionStore.Lookup>> read = leaseToken == null
                ? () -> store().lookup(fullName, key, name.lineage())
                : () -> store().leaseLookup(fullName, key, name.lineage(), leaseToken, options.loadLease().get());
        return context.guard().read("getOrCompute", read, new RegionStore.Lookup(null, null)).thenApply(found -> {
            V value = filled(key, counted(key, found.value()), readAt);
            return new Found<>(value, found.generations(), value == null ? leaseToken : null);
        });
    }

    /**
     * Runs a load that follows {@code found}'s miss (or joins this process's load in flight) and,
     * if that miss took a load lease, gives the lease back when the load is over (stored or not),
     * so that other processes waiting for the value stop waiting at once rather than when it
     * expires. A release that fails is left to
     * expire: the load's own outcome is what the caller gets.
     */
    CompletableFuture<V> releasingLease(String key, Found<V> found, Supplier<CompletableFuture<V>> load) {
        CompletableFuture<V> loaded = SingleFlight.started(load);
        String token = found.leaseToken();
        if (token == null) {
            return loaded;
        }
        // The caller's future ends after the release: the one extra round trip a leased miss costs,
        // and no release left in flight when the cache closes.
        return loaded.handle((value, failure) -> null)
                .thenCompose(over -> context.guard().write("releaseLease", () -> store().releaseLease(fullName, key, token))
                        .handle((released, releaseFailure) -> null))
                .thenCompose(released -> loaded);
    }

    /** Starts an asynchronous loader, counting how it ends. */
    private CompletableFuture<V> load(Supplier<? extends CompletionStage<? extends V>> loader) {
        CompletableFuture<V> loaded = new CompletableFuture<>();
        try {
            Objects.requireNonNull(loader.get(), "the loader returned null instead of a CompletionStage")
                    .whenComplete((value, failure) -> {
                        if (failure != null) {
                            context.counters().loadFailed();
                            loaded.completeExceptionally(FailureGuard.unwrap(failure));
                        } else {
                            context.counters().loaded();
                            loaded.complete(value);
                        }
                    });
        } catch (RuntimeException e) {
            context.counters().loadFailed();
            loaded.completeExceptionally(e);
        }
        return loaded;
    }

    /** Runs a blocking loader on the caller's thread, counting how it ends. */
    V loadNow(Supplier<? extends V> loader) {
        V loaded;
        try {
            loaded = loader.get();
        } catch (RuntimeException | Error e) {
            context.counters().loadFailed();
            throw e;
        }
        context.counters().loaded();
        return loaded;
    }

    /**
     * Stores a loaded value unless the generations read before the load have changed since (then
     * the write is refused and counted); does nothing for a null value or without generations.
     */
    CompletableFuture<Void> storeLoaded(String key, List<String> generations, V loaded) {
        if (loaded == null || generations == null) {
            return CompletableFuture.completedFuture(null);
        }
        byte[] bytes = encode(key, loaded);
        return context.guard().write("getOrCompute", () -> store()
                .write(name.lineage(), storeWrite(Map.of(key, bytes), Set.of(), generations)).thenApply(result -> {
                    if (result == RegionStore.STALE) {
                        context.counters().staleWriteRefused();
                        LOG.debug("Not caching {} in {}: the region was invalidated during the load", key, name);
                    } else {
                        context.counters().put(1);
                    }
                    return result;
                }));
    }

    @Override
    public CompletableFuture<Void> invalidate() {
        context.requireOpen();
        return store().invalidate(name.lineage()).thenRun(context.counters()::invalidated);
    }

    /** Applies what a signal's rule decided; fails like {@link #invalidate()}. */
    CompletableFuture<Void> apply(Invalidation invalidation) {
        if (invalidation instanceof Invalidation.WholeRegion) {
            return invalidate();
        } else if (invalidation instanceof Invalidation.Subregion) {
            return new CacheRegion<>(context, name.child(((Invalidation.Subregion) invalidation).childName()), options).invalidate();
        } else if (invalidation instanceof Invalidation.Keys) {
            Set<String> keys = ((Invalidation.Keys) invalidation).keys();
            if (!keys.isEmpty()) {
                context.requireOpen();
                return store().invalidateKeys(fullName, keys).thenRun(context.counters()::invalidated);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Optional<Duration>> timeToLive() {
        return context.guard().read("timeToLive", () -> store().timeToLive(fullName), Optional.empty());
    }

    /** Restarts the configured timeout; does nothing without one. */
    CompletableFuture<Void> resetTimeout() {
        return options.timeout().map(timeout -> context.guard().write("resetTimeout", () -> store().expire(fullName, timeout)))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
    }

    /** A store read under the failure policy, not decoded (a transaction decodes what it reads). */
    CompletableFuture<byte[]> storedBytes(String key) {
        return context.guard().read("get", () -> store().get(fullName, key), null);
    }

    /** Decodes a read's bytes and counts it as a hit or a miss (a refused value is a miss). */
    private V counted(String key, byte[] bytes) {
        V value = bytes == null ? null : decode(key, bytes);
        if (value == null) {
            context.counters().misses(1);
        } else {
            context.counters().hits(1);
        }
        return value;
    }

    V decode(String key, byte[] bytes) {
        try {
            return options.codec().decode(bytes);
        } catch (RuntimeException e) {
            // Not an outage: the bytes are there but this codec refuses them. Counted apart.
            context.counters().codecFailed();
            // A CodecException already says what went wrong: wrapping it again only repeats it.
            CodecException failure = e instanceof CodecException ? (CodecException) e
                    : new CodecException("Cannot decode key '" + key + "' of region " + name
                    + " with " + options.codec() + ": " + e.getMessage(), e);
            if (context.guard().policy() == FailurePolicy.RAISE) {
                throw failure;
            }
            context.decodeFailures().missed(name, key, failure);
            return null;
        }
    }

    byte[] encode(String key, V value) {
        try {
            return Objects.requireNonNull(options.codec().encode(value), "the codec encoded a value to null");
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CodecException("Cannot encode the value of key '" + key + "' of region " + name + " with "
                    + options.codec() + ": " + e, e);
        }
    }

    /** Writes puts and removals in one atomic step under the failure policy, counting the puts. */
    CompletableFuture<Void> write(Map<String, byte[]> puts, Set<String> removes) {
        return context.guard().write("write", () -> store().write(name.lineage(), storeWrite(puts, removes, null))
                .thenApply(removed -> {
                    context.counters().put(puts.size());
                    return removed;
                }));
    }

    private StoreWrite storeWrite(Map<String, byte[]> puts, Set<String> removes, List<String> generations) {
        return new StoreWrite(puts, removes, options.timeout().orElse(null), options.updateResetsTimeout(), generations, false);
    }

    private RegionStore store() {
        return context.store();
    }

    /** Views of the same region of the same cache are equal, whatever their options. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CacheRegion && ((CacheRegion<?>) other).context == context
                && ((CacheRegion<?>) other).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "AsyncRegion[" + name + "]";
    }
}

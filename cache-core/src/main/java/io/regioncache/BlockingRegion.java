package io.regioncache;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocking {@link Region}: a thin view that waits on its {@link CacheRegion}, as Caffeine's
 * {@code AsyncCache.synchronous()} does, so that both views share one implementation. What only
 * a blocking caller can do lives here: a loader run on the caller's thread, transactions, signal
 * bindings and navigation.
 */
final class BlockingRegion<V> implements Region<V> {

    private static final Logger LOG = LoggerFactory.getLogger(BlockingRegion.class);

    private final CacheRegion<V> region;
    /*
     * The region's near cache, its entries there and its codec, copied from it: a near hit then
     * follows one reference fewer than through the region, on a path where each costs about as
     * much as the map lookup's own work. Null without a near cache.
     */
    private final NearCache near;
    private final NearCache.RegionEntries nearEntries;
    private final Codec<V> codec;

    BlockingRegion(CacheRegion<V> region) {
        this.region = region;
        this.near = region.near();
        this.nearEntries = region.nearEntries();
        this.codec = region.options().codec();
    }

    @Override
    public AsyncRegion<V> async() {
        return region;
    }

    @Override
    public String name() {
        return region.name();
    }

    @Override
    public Optional<Region<?>> parent() {
        CacheContext context = region.context();
        return region.regionName().parent().map(parentName -> context.view(new CacheRegion<>(context, parentName, options())));
    }

    @Override
    public Region<V> region(String childName) {
        return region(childName, options());
    }

    @Override
    public <W> Region<W> region(String childName, RegionOptions<W> childOptions) {
        Objects.requireNonNull(childOptions, "options");
        return region.context().view(new CacheRegion<>(region.context(), region.regionName().child(childName), childOptions));
    }

    @Override
    public List<Region<?>> children() {
        Set<String> names = Await.result(region.childNames());
        List<Region<?>> children = new ArrayList<>();
        names.stream().sorted().forEach(child -> region.regionName().relativeNameOf(child)
                .ifPresentOrElse(relative -> children.add(region(relative)),
                        () -> LOG.debug("Ignoring '{}' in the child set of {}: not a descendant", child, name())));
        return List.copyOf(children);
    }

    @Override
    public V get(String key) {
        V nearValue = nearHit(key);
        return nearValue != null ? nearValue : Await.result(region.remoteGet(key));
    }

    /** As {@link CacheRegion#nearHit}, through this view's own fields. */
    private V nearHit(String key) {
        Objects.requireNonNull(key, "key");
        return near == null ? null : near.get(nearEntries, key, codec);
    }

    @Override
    public Map<String, V> getAll(Collection<String> keys) {
        return Await.result(region.getAll(keys));
    }

    @Override
    public boolean containsKey(String key) {
        return Await.result(region.containsKey(key));
    }

    @Override
    public void put(String key, V value) {
        Await.result(region.put(key, value));
    }

    @Override
    public void putAll(Map<String, ? extends V> entries) {
        Await.result(region.putAll(entries));
    }

    @Override
    public V putIfAbsent(String key, V value) {
        return Await.result(region.putIfAbsent(key, value));
    }

    @Override
    public boolean remove(String key) {
        return Await.result(region.remove(key));
    }

    @Override
    public Set<String> keys() {
        return Await.result(region.keys());
    }

    @Override
    public int size() {
        return Await.result(region.size());
    }

    /**
     * The read and the guarded write wait here; the loader runs on this thread, never on an I/O
     * thread. Callers that miss while another thread of this process loads the key wait for its
     * value instead of loading too: the thread that starts the flight reads the store, takes any
     * lease and runs the loader, the others wait for its future.
     */
    @Override
    public V getOrCompute(String key, Supplier<? extends V> loader) {
        EntryKeys.requireValid(key);
        Objects.requireNonNull(loader, "loader");
        V nearValue = nearHit(key);
        if (nearValue != null) {
            return nearValue;
        }
        return Await.result(region.singleFlight(key, () -> {
            CacheRegion.Found<V> found = Await.result(region.lookup(key));
            if (found.value() != null) {
                return CompletableFuture.completedFuture(found.value());
            }
            return region.releasingLease(key, found, () -> {
                V loaded = region.loadNow(loader);
                return region.storeLoaded(key, found.generations(), loaded).thenApply(stored -> loaded);
            });
        }));
    }

    @Override
    public <A> Function<A, V> cached(Function<? super A, ? extends V> function) {
        Objects.requireNonNull(function, "function");
        return argument -> getOrCompute(CachedKeys.of(argument), () -> function.apply(argument));
    }

    @Override
    public void transaction(Consumer<RegionTransaction<V>> work) {
        Objects.requireNonNull(work, "work");
        BufferedTransaction<V> transaction = new BufferedTransaction<>(this);
        try {
            work.accept(transaction);
        } finally {
            transaction.end();
        }
        if (!transaction.isEmpty()) {
            Await.result(region.write(transaction.puts(), transaction.removes()));
        }
    }

    @Override
    public void invalidate() {
        Await.result(region.invalidate());
    }

    @Override
    public Subscription invalidateOn(Signal... signals) {
        Objects.requireNonNull(signals, "signals");
        if (signals.length == 0) {
            throw new IllegalArgumentException("invalidateOn needs at least one signal");
        }
        List<Signal> all = List.of(signals);
        List<Subscription> bindings = new ArrayList<>();
        try {
            all.forEach(signal -> bindings.add(invalidateOn(signal, event -> Invalidation.region())));
        } catch (RuntimeException e) {
            // All or none: a half-made binding would purge on some of the signals only.
            CacheContext.closeEach(bindings);
            throw e;
        }
        return () -> CacheContext.closeEach(bindings);
    }

    @Override
    public Subscription invalidateOn(Signal signal, Function<SignalEvent, Invalidation> rule) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(rule, "rule");
        CacheContext context = region.context();
        context.requireOpen();
        SignalBinding binding = new SignalBinding(region, signal.name(), rule, context);
        return context.track(context.subscribe(signal, name(), binding));
    }

    /** Applies what a signal's rule decided, waiting; throws like {@link #invalidate()}. */
    void apply(Invalidation invalidation) {
        Await.result(region.apply(invalidation));
    }

    @Override
    public Optional<Duration> timeToLive() {
        return Await.result(region.timeToLive());
    }

    @Override
    public void resetTimeout() {
        Await.result(region.resetTimeout());
    }

    @Override
    public RegionOptions<V> options() {
        return region.options();
    }

    /** A store read for a transaction, which sees the store under the failure policy. */
    byte[] storedBytes(String key) {
        return Await.result(region.storedBytes(key));
    }

    V decode(String key, byte[] bytes) {
        return region.decode(key, bytes);
    }

    byte[] encode(String key, V value) {
        return region.encode(key, value);
    }

    /** Views of the same region of the same cache are equal, whatever their options. */
    @Override
    public boolean equals(Object other) {
        return other instanceof BlockingRegion && ((BlockingRegion<?>) other).region.equals(region);
    }

    @Override
    public int hashCode() {
        return region.hashCode();
    }

    @Override
    public String toString() {
        return "Region[" + name() + "]";
    }
}

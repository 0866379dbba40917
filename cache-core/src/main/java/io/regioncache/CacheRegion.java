package io.regioncache;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link Region} backed by its cache's {@link RegionStore}, applying the failure policy. */
final class CacheRegion<V> implements Region<V> {

    private static final Logger LOG = LoggerFactory.getLogger(CacheRegion.class);

    private final CacheContext context;
    private final RegionName name;
    private final RegionOptions<V> options;

    CacheRegion(CacheContext context, RegionName name, RegionOptions<V> options) {
        this.context = context;
        this.name = name;
        this.options = options;
    }

    @Override
    public String name() {
        return name.full();
    }

    @Override
    public Optional<Region<?>> parent() {
        return name.parent().map(parentName -> new CacheRegion<>(context, parentName, options));
    }

    @Override
    public Region<V> region(String childName) {
        return region(childName, options);
    }

    @Override
    public <W> Region<W> region(String childName, RegionOptions<W> childOptions) {
        Objects.requireNonNull(childOptions, "options");
        return new CacheRegion<>(context, name.child(childName), childOptions);
    }

    @Override
    public List<Region<?>> children() {
        Set<String> names = context.guard().read("children of " + name, () -> store().children(name.full()), Set.of());
        List<Region<?>> children = new ArrayList<>();
        names.stream().sorted().forEach(child -> name.relativeNameOf(child)
                .ifPresentOrElse(relative -> children.add(region(relative)),
                        () -> LOG.debug("Ignoring '{}' in the child set of {}: not a descendant", child, name)));
        return List.copyOf(children);
    }

    @Override
    public V get(String key) {
        EntryKeys.requireValid(key);
        byte[] bytes = context.guard().read("get", () -> store().get(name.full(), key), null);
        return bytes == null ? null : decode(key, bytes);
    }

    @Override
    public Map<String, V> getAll(Collection<String> keys) {
        List<String> wanted = List.copyOf(Objects.requireNonNull(keys, "keys"));
        wanted.forEach(EntryKeys::requireValid);
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<String, byte[]> found = context.guard().read("getAll", () -> store().getAll(name.full(), wanted), Map.of());
        Map<String, V> hits = new LinkedHashMap<>();
        found.forEach((key, bytes) -> {
            V value = decode(key, bytes);
            if (value != null) {
                hits.put(key, value);
            }
        });
        return hits;
    }

    @Override
    public boolean containsKey(String key) {
        EntryKeys.requireValid(key);
        return context.guard().read("containsKey", () -> store().containsKey(name.full(), key), false);
    }

    @Override
    public void put(String key, V value) {
        EntryKeys.requireValid(key);
        Objects.requireNonNull(value, "value");
        write(Map.of(key, encode(key, value)), Set.of());
    }

    @Override
    public void putAll(Map<String, ? extends V> entries) {
        Objects.requireNonNull(entries, "entries");
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            EntryKeys.requireValid(key);
            Objects.requireNonNull(value, () -> "value of key '" + key + "'");
            encoded.put(key, encode(key, value));
        });
        if (!encoded.isEmpty()) {
            write(encoded, Set.of());
        }
    }

    @Override
    public boolean remove(String key) {
        EntryKeys.requireValid(key);
        return context.guard().read("remove",
                () -> store().write(name.lineage(), storeWrite(Map.of(), Set.of(key), null).fenced()) > 0, false);
    }

    @Override
    public Set<String> keys() {
        return context.guard().read("keys", () -> store().keys(name.full()), Set.of());
    }

    @Override
    public int size() {
        return context.guard().read("size", () -> store().size(name.full()), 0);
    }

    @Override
    public V getOrCompute(String key, Supplier<? extends V> loader) {
        EntryKeys.requireValid(key);
        Objects.requireNonNull(loader, "loader");
        V cached = get(key);
        if (cached != null) {
            return cached;
        }
        // Read before the load: an invalidation during the load changes one of them, and the
        // guarded write below then refuses to store a value computed from stale data.
        List<String> generations = context.guard().read("getOrCompute", () -> store().generations(name.lineage()), null);
        V loaded = loader.get();
        if (loaded != null && generations != null) {
            byte[] bytes = encode(key, loaded);
            context.guard().write("getOrCompute", () -> {
                if (store().write(name.lineage(), storeWrite(Map.of(key, bytes), Set.of(), generations)) == RegionStore.STALE) {
                    LOG.debug("Not caching {} in {}: the region was invalidated during the load", key, name);
                }
            });
        }
        return loaded;
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
            write(transaction.puts(), transaction.removes());
        }
    }

    @Override
    public void invalidate() {
        context.requireOpen();
        store().invalidate(name.lineage());
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
        context.requireOpen();
        SignalBinding binding = new SignalBinding(this, signal.name(), rule, context.retrier());
        return context.track(context.subscribe(signal, name.full(), binding));
    }

    /** Applies what a signal's rule decided; throws like {@link #invalidate()}. */
    void apply(Invalidation invalidation) {
        if (invalidation instanceof Invalidation.WholeRegion) {
            invalidate();
        } else if (invalidation instanceof Invalidation.Subregion) {
            region(((Invalidation.Subregion) invalidation).childName()).invalidate();
        } else if (invalidation instanceof Invalidation.Keys) {
            Set<String> keys = ((Invalidation.Keys) invalidation).keys();
            if (!keys.isEmpty()) {
                context.requireOpen();
                store().invalidateKeys(name.full(), keys);
            }
        }
    }

    @Override
    public Optional<Duration> timeToLive() {
        return context.guard().read("timeToLive", () -> store().timeToLive(name.full()), Optional.empty());
    }

    @Override
    public void resetTimeout() {
        options.timeout().ifPresent(timeout ->
                context.guard().write("resetTimeout", () -> store().expire(name.full(), timeout)));
    }

    @Override
    public RegionOptions<V> options() {
        return options;
    }

    /** A store read for a transaction, which sees the store under the failure policy. */
    byte[] storedBytes(String key) {
        return context.guard().read("get", () -> store().get(name.full(), key), null);
    }

    V decode(String key, byte[] bytes) {
        try {
            return options.codec().decode(bytes);
        } catch (RuntimeException e) {
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

    private void write(Map<String, byte[]> puts, Set<String> removes) {
        context.guard().write("write", () -> store().write(name.lineage(), storeWrite(puts, removes, null)));
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
        return "Region[" + name + "]";
    }
}

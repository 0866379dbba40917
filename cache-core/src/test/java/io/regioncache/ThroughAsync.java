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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link Region} whose every operation that {@link AsyncRegion} offers goes through {@link
 * Region#async()} and waits for the future in the test: the store contracts run on it to hold the
 * async API to the same semantics. Loaders run on threads of their own, as an async caller's
 * would, never on an I/O thread. The rest (navigation, transactions, bindings) is the blocking
 * region's.
 */
final class ThroughAsync<V> implements Region<V> {

    private final Region<V> blocking;

    private ThroughAsync(Region<V> blocking) {
        this.blocking = blocking;
    }

    /** Makes a cache hand out its regions as views through the async API. */
    static RegionCache drive(RegionCache cache) {
        cache.context().viewRegionsThrough(new CacheContext.RegionView() {
            @Override
            public <W> Region<W> of(CacheRegion<W> region) {
                return new ThroughAsync<>(new BlockingRegion<>(region));
            }
        });
        return cache;
    }

    /** The future's value, or what it failed with, as the blocking API would throw it. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public V get(String key) {
        return await(blocking.async().get(key));
    }

    @Override
    public Map<String, V> getAll(Collection<String> keys) {
        return await(blocking.async().getAll(keys));
    }

    @Override
    public boolean containsKey(String key) {
        return await(blocking.async().containsKey(key));
    }

    @Override
    public void put(String key, V value) {
        await(blocking.async().put(key, value));
    }

    @Override
    public void putAll(Map<String, ? extends V> entries) {
        await(blocking.async().putAll(entries));
    }

    @Override
    public V putIfAbsent(String key, V value) {
        return await(blocking.async().putIfAbsent(key, value));
    }

    @Override
    public boolean remove(String key) {
        return await(blocking.async().remove(key));
    }

    @Override
    public Set<String> keys() {
        return await(blocking.async().keys());
    }

    @Override
    public int size() {
        return await(blocking.async().size());
    }

    @Override
    public V getOrCompute(String key, Supplier<? extends V> loader) {
        java.util.Objects.requireNonNull(loader, "loader");
        return await(blocking.async().getOrCompute(key, () -> onItsOwnThread(loader)));
    }

    /** Runs a (possibly blocking) loader on a thread that ends with it, as an async caller would hand it off. */
    private static <T> CompletableFuture<T> onItsOwnThread(Supplier<T> loader) {
        CompletableFuture<T> loaded = new CompletableFuture<>();
        new Thread(() -> {
            try {
                loaded.complete(loader.get());
            } catch (RuntimeException | Error e) {
                loaded.completeExceptionally(e);
            }
        }, "async-contract-loader").start();
        return loaded;
    }

    @Override
    public <A> Function<A, V> cached(Function<? super A, ? extends V> function) {
        java.util.Objects.requireNonNull(function, "function");
        return argument -> getOrCompute(CachedKeys.of(argument), () -> function.apply(argument));
    }

    @Override
    public void invalidate() {
        await(blocking.async().invalidate());
    }

    @Override
    public Optional<Duration> timeToLive() {
        return await(blocking.async().timeToLive());
    }

    @Override
    public String name() {
        return blocking.name();
    }

    @Override
    public Optional<Region<?>> parent() {
        return blocking.parent();
    }

    @Override
    public Region<V> region(String childName) {
        return blocking.region(childName);
    }

    @Override
    public <W> Region<W> region(String childName, RegionOptions<W> options) {
        return blocking.region(childName, options);
    }

    @Override
    public List<Region<?>> children() {
        return blocking.children();
    }

    @Override
    public void transaction(Consumer<RegionTransaction<V>> work) {
        blocking.transaction(work);
    }

    @Override
    public Subscription invalidateOn(Signal... signals) {
        return blocking.invalidateOn(signals);
    }

    @Override
    public Subscription invalidateOn(Signal signal, Function<SignalEvent, Invalidation> rule) {
        return blocking.invalidateOn(signal, rule);
    }

    @Override
    public void resetTimeout() {
        blocking.resetTimeout();
    }

    @Override
    public RegionOptions<V> options() {
        return blocking.options();
    }

    @Override
    public AsyncRegion<V> async() {
        return blocking.async();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ThroughAsync && ((ThroughAsync<?>) other).blocking.equals(blocking);
    }

    @Override
    public int hashCode() {
        return blocking.hashCode();
    }

    @Override
    public String toString() {
        return blocking.toString();
    }
}

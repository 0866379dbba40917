package io.regioncache;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every region of one {@link RegionCache} shares. */
final class CacheContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CacheContext.class);

    private final RegionStore store;
    private final CacheCounters counters;
    private final FailureGuard guard;
    private final String keyPrefix;
    private final InvalidationRetrier retrier = new InvalidationRetrier();
    private final Set<Subscription> bindings = ConcurrentHashMap.newKeySet();
    private final List<BiConsumer<String, Duration>> purgeListeners = new CopyOnWriteArrayList<>();
    private volatile RegionView view = CacheRegion::sync;
    private final DecodeFailureLog decodeFailures = new DecodeFailureLog();
    private final SingleFlight loads = new SingleFlight();
    /** Null without a near cache. */
    private final NearCache near;
    private volatile boolean closed;

    /** Makes the {@link Region} callers get for a region. */
    @FunctionalInterface
    interface RegionView {
        <V> Region<V> of(CacheRegion<V> region);
    }

    CacheContext(RegionStore store, FailurePolicy policy, String keyPrefix, boolean recordStats) {
        this.store = store;
        this.near = store.nearCache();
        this.counters = new CacheCounters(recordStats, near == null ? () -> 0 : near::hits);
        this.guard = new FailureGuard(policy, counters);
        this.keyPrefix = keyPrefix;
    }

    /** The near cache in front of the store, or null for none. */
    NearCache near() {
        return near;
    }

    /** The {@link Region} callers get for {@code region}: its blocking view. */
    <V> Region<V> view(CacheRegion<V> region) {
        return view.of(region);
    }

    /**
     * Replaces the blocking view that regions are handed out as, so that the store contract tests
     * can run every operation through the {@link AsyncRegion} API instead.
     */
    void viewRegionsThrough(RegionView view) {
        this.view = view;
    }

    CacheCounters counters() {
        return counters;
    }

    /** Registers a listener of signal-driven purges that landed: the transport and the lag since the event. */
    Subscription onSignalPurged(BiConsumer<String, Duration> listener) {
        purgeListeners.add(listener);
        return () -> purgeListeners.remove(listener);
    }

    /** Tells the listeners that a signal's purge landed; a listener that throws is logged, not propagated. */
    void signalPurged(String transport, Duration lag) {
        for (BiConsumer<String, Duration> listener : purgeListeners) {
            try {
                listener.accept(transport, lag);
            } catch (RuntimeException e) {
                LOG.warn("A signal purge listener failed", e);
            }
        }
    }

    RegionStore store() {
        return store;
    }

    FailureGuard guard() {
        return guard;
    }

    InvalidationRetrier retrier() {
        return retrier;
    }

    /** The loads in flight in this process, shared by every view of every region. */
    SingleFlight loads() {
        return loads;
    }

    DecodeFailureLog decodeFailures() {
        return decodeFailures;
    }

    /**
     * Subscribes a binding. Only caches that share a store may share a group (one per store,
     * key prefix, region and signal): a group shared by two in-memory caches would hand each event
     * to one of them and leave the other stale, so an unshared store subscribes without a group.
     */
    Subscription subscribe(Signal signal, String regionName, SignalListener binding) {
        Optional<String> store = this.store.sharedIdentity();
        if (store.isEmpty()) {
            return signal.subscribe(binding);
        }
        return signal.subscribe("region-cache:" + store.get() + ":" + keyPrefix + regionName + ":" + signal.name(), binding);
    }

    /** Registers a binding so that {@link #close()} closes it. */
    synchronized Subscription track(Subscription binding) {
        if (closed) {
            binding.close();
            throw new IllegalStateException("The RegionCache is closed");
        }
        bindings.add(binding);
        return () -> {
            bindings.remove(binding);
            binding.close();
        };
    }

    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The RegionCache is closed");
        }
    }

    /**
     * Bindings first (no new invalidations), then retries, then the store; a binding that fails
     * to close is logged and neither stops the others nor leaves the retry thread or the store
     * open. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeEach(List.copyOf(bindings));
            bindings.clear();
        } finally {
            try {
                retrier.close();
            } finally {
                store.close();
            }
        }
    }

    /** Closes every subscription, logging (not throwing) those that fail, so none is skipped. */
    static void closeEach(List<Subscription> subscriptions) {
        for (Subscription subscription : subscriptions) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the signal binding {} failed", subscription, e);
            }
        }
    }
}

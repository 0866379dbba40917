package io.regioncache.signals.redis;

import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connections behind signals made from URIs ({@code Signals.of("redis://...?channel=x")}): one
 * {@link RedisPubSubSignals} per connection URL, opened by the first subscription through any such
 * signal and closed when the last one is closed. Nobody else holds these instances, so their
 * subscriptions are the only owners that can close them.
 */
final class SharedConnections {

    private static final class Shared {
        final RedisPubSubSignals signals;
        int leases;

        Shared(RedisPubSubSignals signals) {
            this.signals = signals;
        }
    }

    // Keyed by the full connection URL: two URLs that differ only in credentials are two connections.
    private static final Map<String, Shared> OPEN = new HashMap<>();

    private SharedConnections() {
    }

    /** What signals made from a URI subscribe with: a lease on the shared connection of {@code connectionUrl}. */
    static TopicSignal.Subscriber on(String connectionUrl) {
        return (topic, listener) -> subscribe(connectionUrl, topic, listener);
    }

    private static Subscription subscribe(String connectionUrl, Topic topic, SignalListener listener) {
        RedisPubSubSignals signals = acquire(connectionUrl);
        Subscription subscription;
        try {
            subscription = signals.subscribe(topic, listener);
        } catch (RuntimeException e) {
            release(connectionUrl, signals);
            throw e;
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                subscription.close();
                release(connectionUrl, signals);
            }
        };
    }

    /**
     * The instance for {@code connectionUrl}, connecting if there is none; every call must be
     * matched by one {@link #release}. Connecting happens under the lock: it is bounded by the
     * connect timeout, and it spares a second connection to the same Redis.
     */
    private static synchronized RedisPubSubSignals acquire(String connectionUrl) {
        Shared shared = OPEN.get(connectionUrl);
        if (shared == null) {
            shared = new Shared(RedisPubSubSignals.create(connectionUrl));
            OPEN.put(connectionUrl, shared);
        }
        shared.leases++;
        return shared.signals;
    }

    /** Gives back one {@link #acquire}; the last one closes the connection. */
    private static void release(String connectionUrl, RedisPubSubSignals signals) {
        synchronized (SharedConnections.class) {
            Shared shared = OPEN.get(connectionUrl);
            if (shared == null || shared.signals != signals || --shared.leases > 0) {
                return;
            }
            OPEN.remove(connectionUrl);
        }
        // Outside the lock: closing waits for listeners, and other URLs need not wait for that.
        signals.close();
    }
}

package io.regioncache.signals.redis.streams;

import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The instances behind signals made from URIs ({@code Signals.of("redis-stream://...")}): one
 * {@link RedisStreamSignals} per connection URL, opened by the first subscription through any such
 * signal and closed when the last one is closed. Nobody else holds these instances, so their
 * subscriptions are the only owners that can close them.
 */
final class SharedStreamSignals {

    private static final class Shared {
        final RedisStreamSignals signals;
        int leases;

        Shared(RedisStreamSignals signals) {
            this.signals = signals;
        }
    }

    // Keyed by the full connection URL: two URLs that differ only in credentials are two instances.
    private static final Map<String, Shared> OPEN = new HashMap<>();

    private SharedStreamSignals() {
    }

    /** What signals made from a URI subscribe with: a lease on the shared instance of {@code connectionUrl}. */
    static StreamSignal.Subscriber on(String connectionUrl) {
        return (streamKey, group, listener) -> subscribe(connectionUrl, streamKey, group, listener);
    }

    private static Subscription subscribe(String connectionUrl, String streamKey, String group, SignalListener listener) {
        RedisStreamSignals signals = acquire(connectionUrl);
        Subscription subscription;
        try {
            subscription = signals.subscribe(streamKey, group, listener);
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
    private static synchronized RedisStreamSignals acquire(String connectionUrl) {
        Shared shared = OPEN.get(connectionUrl);
        if (shared == null) {
            shared = new Shared(RedisStreamSignals.create(connectionUrl));
            OPEN.put(connectionUrl, shared);
        }
        shared.leases++;
        return shared.signals;
    }

    /** Gives back one {@link #acquire}; the last one closes the instance. */
    private static void release(String connectionUrl, RedisStreamSignals signals) {
        synchronized (SharedStreamSignals.class) {
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

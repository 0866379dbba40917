package io.regioncache.signals.redis.internal;

import io.regioncache.signals.Subscription;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The instances behind signals made from URIs ({@code Signals.of("redis://...")}): one instance
 * per connection URL, opened by the first subscription through any such signal and closed when the
 * last of them is closed. Nobody else holds these instances, so their subscriptions are the only
 * owners that can close them. Thread-safe.
 *
 * @param <T> what one connection URL opens, such as an adapter's {@code RedisPubSubSignals}
 */
public final class SharedInstances<T> {

    private static final class Shared<T> {
        final T instance;
        int leases;

        Shared(T instance) {
            this.instance = instance;
        }
    }

    private final Function<String, T> open;
    private final Consumer<T> close;
    // Keyed by the full connection URL: two URLs that differ only in credentials are two instances.
    private final Map<String, Shared<T>> byUrl = new HashMap<>();

    /**
     * @param open  opens the instance of a connection URL (connecting, bounded by its timeout)
     * @param close closes an instance once its last subscription is closed
     */
    public SharedInstances(Function<String, T> open, Consumer<T> close) {
        this.open = Objects.requireNonNull(open, "open");
        this.close = Objects.requireNonNull(close, "close");
    }

    /**
     * Subscribes through the instance of {@code connectionUrl}, opening it if there is none. The
     * returned subscription closes the inner one, and then the instance if it was the last; closing
     * it again does nothing. If {@code subscribe} throws, the instance is released as if closed.
     */
    public Subscription subscribe(String connectionUrl, Function<T, Subscription> subscribe) {
        T instance = acquire(connectionUrl);
        Subscription subscription;
        try {
            subscription = subscribe.apply(instance);
        } catch (RuntimeException e) {
            release(connectionUrl, instance);
            throw e;
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                subscription.close();
                release(connectionUrl, instance);
            }
        };
    }

    /**
     * The instance for {@code connectionUrl}, opening one if there is none; every call must be
     * matched by one {@link #release}. Opening happens under the lock: it is bounded by the
     * connect timeout, and it spares a second connection to the same Redis.
     */
    private synchronized T acquire(String connectionUrl) {
        Shared<T> shared = byUrl.get(connectionUrl);
        if (shared == null) {
            shared = new Shared<>(open.apply(connectionUrl));
            byUrl.put(connectionUrl, shared);
        }
        shared.leases++;
        return shared.instance;
    }

    /** Gives back one {@link #acquire}; the last one closes the instance. */
    private void release(String connectionUrl, T instance) {
        synchronized (this) {
            Shared<T> shared = byUrl.get(connectionUrl);
            if (shared == null || shared.instance != instance || --shared.leases > 0) {
                return;
            }
            byUrl.remove(connectionUrl);
        }
        // Outside the lock: closing waits for listeners, and other URLs need not wait for that.
        close.accept(instance);
    }
}

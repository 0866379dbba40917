package io.regioncache.signals.redis;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A signal made from a URI. It holds no connection: each subscription leases the shared one for
 * its URL (see {@link SharedConnections}) and gives it back when closed.
 */
final class UriSignal implements Signal {

    private final String connectionUrl;
    private final Topic topic;

    UriSignal(String connectionUrl, Topic topic) {
        this.connectionUrl = connectionUrl;
        this.topic = topic;
    }

    @Override
    public String name() {
        return topic.signalName();
    }

    /**
     * @throws io.lettuce.core.RedisConnectionException if this is the URL's first subscription and
     *                                                  Redis cannot be reached
     */
    @Override
    public Subscription subscribe(SignalListener listener) {
        Objects.requireNonNull(listener, "listener");
        RedisPubSubSignals signals = SharedConnections.acquire(connectionUrl);
        Subscription subscription;
        try {
            subscription = signals.subscribe(topic, listener);
        } catch (RuntimeException e) {
            SharedConnections.release(connectionUrl, signals);
            throw e;
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                subscription.close();
                SharedConnections.release(connectionUrl, signals);
            }
        };
    }

    @Override
    public String toString() {
        return "RedisPubSubSignal[" + topic + " on " + RedisUrl.redact(connectionUrl) + "]";
    }
}

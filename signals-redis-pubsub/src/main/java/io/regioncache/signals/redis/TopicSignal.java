package io.regioncache.signals.redis;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.util.Objects;

/**
 * A signal of one channel or pattern. It holds no connection: subscribing is left to whoever
 * owns one, a {@link RedisPubSubSignals} or, for signals made from URIs, one shared by every such
 * signal of the same connection URL.
 */
final class TopicSignal implements Signal {

    /** Subscribes a listener to a topic on some connection. */
    @FunctionalInterface
    interface Subscriber {
        Subscription subscribe(Topic topic, SignalListener listener);
    }

    private final Topic topic;
    private final String redactedUrl;
    private final Subscriber subscriber;

    TopicSignal(Topic topic, String redactedUrl, Subscriber subscriber) {
        this.topic = topic;
        this.redactedUrl = redactedUrl;
        this.subscriber = subscriber;
    }

    @Override
    public String name() {
        return topic.signalName();
    }

    @Override
    public Subscription subscribe(SignalListener listener) {
        Objects.requireNonNull(listener, "listener");
        return subscriber.subscribe(topic, listener);
    }

    @Override
    public String toString() {
        return "RedisPubSubSignal[" + topic + " on " + redactedUrl + "]";
    }
}

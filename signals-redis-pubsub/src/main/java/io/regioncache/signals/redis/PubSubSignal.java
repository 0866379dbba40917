package io.regioncache.signals.redis;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;

/** A channel or pattern of one {@link RedisPubSubSignals}; it holds no state of its own. */
final class PubSubSignal implements Signal {

    private final RedisPubSubSignals owner;
    private final Topic topic;

    PubSubSignal(RedisPubSubSignals owner, Topic topic) {
        this.owner = owner;
        this.topic = topic;
    }

    @Override
    public String name() {
        return topic.signalName();
    }

    @Override
    public Subscription subscribe(SignalListener listener) {
        return owner.subscribe(topic, listener);
    }

    @Override
    public String toString() {
        return "RedisPubSubSignal[" + topic + " on " + owner.redactedUrl() + "]";
    }
}

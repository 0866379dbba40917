package io.regioncache.signals.redis.streams;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.util.Objects;

/**
 * One stream as a {@link Signal}, named {@code redis-stream:<key>}. It holds no connection:
 * subscribing is left to whoever owns one, a {@link RedisStreamSignals} or, for signals made from
 * URIs, one shared by every such signal of the same connection URL.
 */
final class StreamSignal implements Signal {

    /** Subscribes a listener to a stream, in a group or (group null) alone. */
    @FunctionalInterface
    interface Subscriber {
        Subscription subscribe(String streamKey, String group, SignalListener listener);
    }

    private final String streamKey;
    private final String redactedUrl;
    private final Subscriber subscriber;

    StreamSignal(String streamKey, String redactedUrl, Subscriber subscriber) {
        this.streamKey = streamKey;
        this.redactedUrl = redactedUrl;
        this.subscriber = subscriber;
    }

    /** {@code redis-stream:<stream key>}. */
    @Override
    public String name() {
        return "redis-stream:" + streamKey;
    }

    /**
     * Reads the stream with plain {@code XREAD} from its end as of now: every such subscription
     * sees every entry added after it started, and acknowledges nothing.
     *
     * @throws NullPointerException  if {@code listener} is null
     * @throws IllegalStateException if the owning {@link RedisStreamSignals} is closed
     */
    @Override
    public Subscription subscribe(SignalListener listener) {
        Objects.requireNonNull(listener, "listener");
        return subscriber.subscribe(streamKey, null, listener);
    }

    /**
     * Reads the stream as a consumer of the consumer group {@code group} ({@code XREADGROUP}),
     * created at the stream's end if it does not exist: each entry reaches one consumer of the
     * group, in any process, and is acknowledged ({@code XACK}) once its listener has handled it.
     *
     * @throws NullPointerException     if {@code group} or {@code listener} is null
     * @throws IllegalArgumentException if {@code group} is blank
     * @throws IllegalStateException    if the owning {@link RedisStreamSignals} is closed
     */
    @Override
    public Subscription subscribe(String group, SignalListener listener) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(listener, "listener");
        if (group.isBlank()) {
            throw new IllegalArgumentException("A consumer group name must not be blank: '" + group + "'");
        }
        return subscriber.subscribe(streamKey, group, listener);
    }

    @Override
    public String toString() {
        return "RedisStreamSignal[" + streamKey + " on " + redactedUrl + "]";
    }
}

package io.regioncache.signals;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of a signal.
 *
 * @param signal    the {@link Signal#name() name} of the signal that fired; never null
 * @param key       what the transport calls the key (the Kafka record key, the Redis channel, the
 *                  key given to {@link LocalSignal#send(String, Object)}); may be null
 * @param payload   the transport's value: a String for Redis pub/sub and Kafka by default, the
 *                  event object for Guava and local signals; may be null
 * @param timestamp when the event happened, as the transport knows it; never null
 */
public record SignalEvent(String signal, String key, Object payload, Instant timestamp) {

    /**
     * @throws NullPointerException if {@code signal} or {@code timestamp} is null
     */
    public SignalEvent {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}

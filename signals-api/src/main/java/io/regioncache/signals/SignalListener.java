package io.regioncache.signals;

/**
 * Receives the events of a {@link Signal}.
 *
 * <p>A transport calls a listener from its own thread (the sender's for local and Guava signals,
 * a consumer thread for Kafka, an executor for Redis pub/sub). An exception thrown by a listener
 * never stops delivery to other listeners or, for good, of later events.
 *
 * <p>If {@code onSignal} throws, a transport that delivers at least once (Kafka) delivers the event
 * again after a backoff instead of moving past it (bounded, see the transport); in-process and
 * at-most-once transports log the exception and go on. A listener that cannot apply an event yet
 * (for example because the cache's store is down) therefore throws rather than returning, so that
 * an at-least-once transport does not mark the event as handled.
 */
@FunctionalInterface
public interface SignalListener {

    /** Called for each event of the subscribed signal. */
    void onSignal(SignalEvent event);

    /**
     * Called when the transport may have dropped events, for example after a Redis pub/sub
     * reconnect, or when a Kafka consumer group has no committed offset. A cache treats it as a
     * signal for its whole bound region. The default does nothing. If it throws, an at-least-once
     * transport calls it again after a backoff (bounded, see the transport) before it treats its
     * new starting position as handled.
     *
     * @param signal the {@link Signal#name() name} of the signal that may have lost events
     */
    default void onPossibleLoss(String signal) {
    }
}

package io.regioncache.signals;

/**
 * Receives the events of a {@link Signal}.
 *
 * <p>A transport calls a listener from its own thread (the sender's for local and Guava signals,
 * a consumer thread for Kafka, an executor for Redis pub/sub). An exception thrown by a listener
 * is logged by the transport and never stops delivery to other listeners or of later events.
 */
@FunctionalInterface
public interface SignalListener {

    /** Called for each event of the subscribed signal. */
    void onSignal(SignalEvent event);

    /**
     * Called when the transport may have dropped events, for example after a Redis pub/sub
     * reconnect, or when a Kafka consumer group has no committed offset. A cache treats it as a
     * signal for its whole bound region. The default does nothing.
     *
     * @param signal the {@link Signal#name() name} of the signal that may have lost events
     */
    default void onPossibleLoss(String signal) {
    }
}

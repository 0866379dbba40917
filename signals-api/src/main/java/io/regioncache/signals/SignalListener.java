package io.regioncache.signals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Receives the events of a {@link Signal}.
 *
 * <p>A transport calls a listener from its own thread (the sender's for local and Guava signals,
 * a consumer thread for Kafka, an executor for Redis pub/sub). An exception thrown by a listener
 * never stops delivery to other listeners or, for good, of later events.
 *
 * <p>Two ways to deliver. In-process transports call {@link #onSignal}: the listener has done its
 * work when it returns, so a local signal's {@code send} returns after the listener ran. Transports
 * that acknowledge events (Kafka commits offsets, Redis Streams acknowledges entries) call {@link
 * #onSignalAsync} and acknowledge the event when the returned stage completes normally, without
 * blocking their own thread meanwhile. A listener whose work is itself asynchronous (the cache's
 * bindings: a purge is a Redis round trip, retried while Redis is down) overrides both.
 *
 * <p>If {@code onSignal} throws, or the stage of {@code onSignalAsync} completes exceptionally, a
 * transport that delivers at least once delivers the event again after a backoff and does not
 * acknowledge past it meanwhile (bounded, see the transport); in-process and at-most-once
 * transports log the failure and go on. Transports log a run of one subscription's failures once
 * at WARN, then quietly until the listener succeeds again, so that an outage behind a listener
 * (Redis down under a cache) is one warning, not one per event.
 */
@FunctionalInterface
public interface SignalListener {

    /** Called for each event of the subscribed signal; the work is done when it returns. */
    void onSignal(SignalEvent event);

    /**
     * Called for each event by transports that acknowledge events: the returned stage completes
     * when the event's effect has landed, and only then is the event acknowledged. The default runs
     * {@link #onSignal} on the calling thread and returns a completed stage (completed
     * exceptionally if it threw).
     *
     * @return a stage that completes when the event has been handled; never null
     */
    default CompletionStage<Void> onSignalAsync(SignalEvent event) {
        return runNow(() -> onSignal(event));
    }

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

    /**
     * The asynchronous form of {@link #onPossibleLoss}, for transports that acknowledge events:
     * they treat their new starting position as handled only when the stage completes normally.
     * The default runs {@code onPossibleLoss} on the calling thread.
     *
     * @return a stage that completes when the possible loss has been handled; never null
     */
    default CompletionStage<Void> onPossibleLossAsync(String signal) {
        return runNow(() -> onPossibleLoss(signal));
    }

    private static CompletionStage<Void> runNow(Runnable work) {
        try {
            work.run();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}

package io.regioncache.signals.redis;

import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's subscription: events are queued here by the Lettuce event loop and handed to the
 * listener, one at a time and in arrival order, on a thread of the shared executor. So a slow or
 * throwing listener delays only itself, never the connection or other listeners.
 *
 * <p>The queue is bounded. When a listener falls {@value #CAPACITY} events behind, further events
 * are dropped and the listener gets {@link SignalListener#onPossibleLoss(String)} instead, which
 * pub/sub's at-most-once contract allows and which keeps memory bounded. Losses reported while one
 * is pending are coalesced into one call.
 */
final class QueuedSubscription implements Subscription {

    static final int CAPACITY = 10_000;
    /** Events delivered per turn on an executor thread, so busy subscriptions take turns. */
    private static final int BATCH = 64;
    private static final Logger LOG = LoggerFactory.getLogger(QueuedSubscription.class);

    private final String signalName;
    private final SignalListener listener;
    private final Executor executor;
    private final Consumer<QueuedSubscription> onClose;
    private final Queue<SignalEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicBoolean lossPending = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether the listener's last callback threw; only the one drain running at a time touches it. */
    private boolean failing;

    /**
     * @param onClose run once by the first {@link #close()}, to release the Redis subscription
     */
    QueuedSubscription(String signalName, SignalListener listener, Executor executor,
            Consumer<QueuedSubscription> onClose) {
        this.signalName = signalName;
        this.listener = listener;
        this.executor = executor;
        this.onClose = onClose;
    }

    /** Queues an event; called on the Lettuce event loop, so it never blocks. */
    void offer(SignalEvent event) {
        if (closed.get()) {
            return;
        }
        if (pendingCount.incrementAndGet() > CAPACITY) {
            pendingCount.decrementAndGet();
            if (!lossPending.getAndSet(true)) {
                LOG.warn("Listener of {} is {} events behind; dropping events and reporting a possible loss",
                        signalName, CAPACITY);
            }
        } else {
            pending.add(event);
        }
        schedule();
    }

    /**
     * Tells the listener that events may have been lost, before the events already queued: the
     * next turn on the executor calls {@code onPossibleLoss} first. For a cache that is the right
     * order: the purge the loss triggers covers the whole region, so every lost and every queued
     * invalidation is applied at once instead of after up to {@value #CAPACITY} queued events,
     * shortening the time a stale entry can be read; the queued events still follow and are
     * harmless repeats.
     */
    void reportPossibleLoss() {
        if (closed.get()) {
            return;
        }
        lossPending.set(true);
        schedule();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pending.clear();
            onClose.accept(this);
        }
    }

    private void schedule() {
        if (closed.get() || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // Only when the owning RedisPubSubSignals is closing: nothing is delivered after that.
            scheduled.set(false);
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < BATCH && !closed.get(); i++) {
                // A loss is reported as soon as it is known, ahead of the queue: a purge now covers
                // every dropped event and every queued one.
                if (lossPending.getAndSet(false)) {
                    call(() -> listener.onPossibleLoss(signalName), "onPossibleLoss");
                    continue;
                }
                SignalEvent event = pending.poll();
                if (event == null) {
                    break;
                }
                pendingCount.decrementAndGet();
                call(() -> listener.onSignal(event), "onSignal");
            }
        } finally {
            scheduled.set(false);
            if (!pending.isEmpty() || lossPending.get()) {
                schedule();
            }
        }
    }

    /**
     * Runs a listener callback. A run of failures (Redis down under a cache, say) is logged once at
     * WARN with its stack trace, then at DEBUG until a callback succeeds: one warning per outage and
     * subscription, not one per event. An Error is logged at ERROR each time; only the JVM's own
     * failures (out of memory, internal error) propagate.
     */
    private void call(Runnable callback, String method) {
        try {
            callback.run();
        } catch (OutOfMemoryError | InternalError | UnknownError fatal) {
            throw fatal; // the JVM itself is failing: not a listener's failure to report
        } catch (Throwable e) {
            if (e instanceof Error) {
                // AssertionError, NoClassDefFoundError, StackOverflowError (its frames are unwound by
                // now): a bug rather than an outage, so logged each time; later events still flow.
                LOG.error("Listener of {} threw an error from {}; later events are still delivered", signalName,
                        method, e);
            } else if (!failing) {
                failing = true;
                LOG.warn("Listener of {} threw from {}; later events are still delivered, and further failures "
                        + "are logged at DEBUG until it succeeds again", signalName, method, e);
            } else {
                LOG.debug("Listener of {} threw from {} again", signalName, method, e);
            }
            return;
        }
        if (failing) {
            failing = false;
            LOG.info("Listener of {} succeeds again", signalName);
        }
    }
}

package io.regioncache.signals.redis.streams;

import io.lettuce.core.StreamMessage;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Hands a subscription's entries to its listener through {@link SignalListener#onSignalAsync} and
 * deals with each stage whenever, and on whatever thread, it completes: a normal completion
 * acknowledges the entry (in a group), a failure schedules it again after the redelivery delay,
 * up to the configured attempts, after which it is logged as an error and acknowledged. Nothing
 * here blocks but {@link #deliver} when {@value #MAX_IN_FLIGHT} stages are running, on the reader's
 * own thread. Entries still running or waiting when the subscription closes stay pending in Redis.
 */
final class EntryDeliveries {

    /** Listener stages not yet completed; beyond this the reader waits, so memory stays bounded. */
    static final int MAX_IN_FLIGHT = 1_000;
    private static final System.Logger LOG = System.getLogger(EntryDeliveries.class.getName());

    private final StreamSettings settings;
    private final String signalName;
    private final String description;
    private final SignalListener listener;
    private final Function<String, CompletableFuture<Long>> acknowledge;
    private final BooleanSupplier closing;
    private final Redeliveries redeliveries = new Redeliveries();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    /** Entries delivered and not yet handled, or waiting for redelivery: a claim must not deliver them twice. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<Long>> acks = ConcurrentHashMap.newKeySet();

    /**
     * @param acknowledge sends {@code XACK} for an entry id; null for a subscription without a group
     * @param closing     whether the subscription is closing, when failures are no longer redelivered
     */
    EntryDeliveries(StreamSettings settings, String signalName, String description, SignalListener listener,
                    Function<String, CompletableFuture<Long>> acknowledge, BooleanSupplier closing) {
        this.settings = settings;
        this.signalName = signalName;
        this.description = description;
        this.listener = listener;
        this.acknowledge = acknowledge;
        this.closing = closing;
    }

    /** Hands one entry to the listener, waiting first while too many stages are running. */
    void deliver(StreamMessage<String, String> entry, int attempt) {
        String id = entry.getId();
        held.add(id);
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            held.remove(id); // closing: in a group it stays pending and is handed over
            return;
        }
        SignalEvent event = toEvent(entry);
        call(() -> listener.onSignalAsync(event)).whenComplete((ignored, failure) -> {
            inFlight.release();
            if (failure == null) {
                handled(id);
            } else {
                failed(entry, attempt, failure);
            }
        });
    }

    /** Delivers again the entries whose wait is over. */
    void deliverDue() {
        for (Redeliveries.Due due = redeliveries.nextDue(); due != null && !closing.getAsBoolean();
                due = redeliveries.nextDue()) {
            deliver(due.entry(), due.attempt());
        }
    }

    /** How long until the next redelivery is due; {@code fallback} if none waits. */
    Duration untilNextDue(Duration fallback) {
        return redeliveries.untilNext(fallback);
    }

    /** Whether the entry is running or waiting for redelivery here. */
    boolean holds(String id) {
        return held.contains(id);
    }

    /** On closing: drops the waiting redeliveries, then waits up to {@code grace} for running stages and sent acks. */
    void finish(Duration grace) {
        redeliveries.clear();
        try {
            if (inFlight.tryAcquire(MAX_IN_FLIGHT, grace.toMillis(), TimeUnit.MILLISECONDS)) {
                inFlight.release(MAX_IN_FLIGHT);
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            // What is not acknowledged by now stays pending, and is handed over or claimed.
        }
    }

    /** The listener's stage; a throw (exception or non-fatal error) or a null stage becomes a failed one. */
    static CompletionStage<Void> call(Supplier<CompletionStage<Void>> callback) {
        try {
            CompletionStage<Void> stage = callback.get();
            return stage != null ? stage : CompletableFuture.failedFuture(new NullPointerException("the listener returned no stage"));
        } catch (OutOfMemoryError | InternalError | UnknownError fatal) {
            throw fatal; // the JVM itself is failing: nothing the reader does next can be trusted
        } catch (Throwable e) {
            // Errors too (an AssertionError, a NoClassDefFoundError, a StackOverflowError whose
            // frames are unwound by now): the listener's failure, delivered again like an
            // exception's, instead of ending the reader thread.
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Key and payload from the entry's fields, the time from its id. */
    private SignalEvent toEvent(StreamMessage<String, String> entry) {
        Map<String, String> fields = entry.getBody() == null ? Map.of() : entry.getBody();
        return new SignalEvent(signalName, fields.get(RedisStreamSignals.KEY_FIELD),
                fields.get(RedisStreamSignals.PAYLOAD_FIELD), EntryIds.timestamp(entry.getId()));
    }

    private void handled(String id) {
        held.remove(id);
        if (acknowledge == null) {
            return;
        }
        CompletableFuture<Long> ack = acknowledge.apply(id);
        acks.add(ack);
        ack.whenComplete((count, failure) -> {
            acks.remove(ack);
            if (failure != null) {
                LOG.log(Level.DEBUG, "{0}: could not acknowledge entry {1} ({2}); it is claimed and delivered "
                        + "again after the claim idle time", description, id, failure.toString());
            }
        });
    }

    private void failed(StreamMessage<String, String> entry, int attempt, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (closing.getAsBoolean()) {
            held.remove(entry.getId()); // stays pending: handed over on close, or claimed later
            return;
        }
        if (attempt >= settings.attempts()) {
            LOG.log(Level.ERROR, "Listener of " + description + " failed " + attempt + " times on entry "
                    + entry.getId() + "; acknowledging it without effect", cause);
            handled(entry.getId());
            return;
        }
        if (cause instanceof Error) {
            // A bug or a broken deployment, not an outage behind the listener: logged with its stack.
            LOG.log(Level.ERROR, "Listener of " + description + " threw an error on entry " + entry.getId()
                    + " (attempt " + attempt + " of " + settings.attempts() + "); delivering it again", cause);
        } else {
            LOG.log(Level.WARNING, "Listener of {0} failed on entry {1} (attempt {2} of {3}): {4}; delivering it again",
                    description, entry.getId(), attempt, settings.attempts(), cause.toString());
        }
        redeliveries.schedule(entry, attempt + 1, settings.redeliveryDelay().createDelay(attempt));
    }
}

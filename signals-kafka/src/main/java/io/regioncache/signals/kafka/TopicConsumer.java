package io.regioncache.signals.kafka;

import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription: a {@link Consumer} of one topic, used only by the thread this class creates,
 * which polls, hands each record to the listener ({@link SignalListener#onSignalAsync}) and stops
 * when the subscription is closed. Subclasses decide where reading starts and what is committed.
 *
 * <p>The thread never waits for a listener's stage: it keeps polling while stages are pending,
 * takes up their completions between polls, and offers a partition's offset for commit only up to
 * its first record whose stage has not completed normally ({@link Deliveries}); a partition with
 * too many pending records is paused until they complete. A stage that completes exceptionally (or
 * a listener that throws) gets its record delivered again after a backoff, a bounded number of
 * times ({@link Redelivery}), then the record is logged and skipped. A listener's {@link Error} is
 * such a failure too (logged at ERROR each time, as it is a bug rather than an outage), except the
 * ones that mean the JVM itself is failing (out of memory, internal error), which end the thread.
 * An undecodable record is logged and skipped; broker failures and any other exception of the
 * consumer are logged and retried. Only {@link #close()} ends the loop.
 *
 * <p>Logging stays quiet through outages: a run of listener failures is logged once at WARN (the
 * rest at DEBUG) until a delivery succeeds, and a broker that cannot be reached is reported once,
 * by {@link KafkaSignals} or by the loop, whichever notices first, until it answers.
 */
abstract class TopicConsumer implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(TopicConsumer.class);

    /** A poll ends early when records arrive or {@link #close()} wakes it; this only paces retries. */
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    /** While stages are pending, polls end this often so that their completions are taken up soon. */
    private static final Duration BUSY_POLL_TIMEOUT = Duration.ofMillis(2);
    /** While every partition is paused, the loop waits this long at most for a completion (which wakes it at once). */
    private static final long PAUSED_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Bounds each blocking broker call of the loop, so that a dead broker is retried, never waited on. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #close()} lets pending stages and a running listener finish. */
    private static final Duration LISTENER_GRACE = Duration.ofSeconds(1);
    /** How long the final commit and leaving the group may take. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private enum Start { WAITING, POSITIONED, GAVE_UP }

    final String topic;
    final String description;
    final Consumer<Object, Object> consumer;
    private final KafkaTopicSignal signal;
    private final SignalListener listener;
    private final Redelivery redelivery;
    private final Deliveries deliveries;
    private final Thread thread;
    private final CountDownLatch positionedLatch = new CountDownLatch(1);
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    private final AtomicReference<Start> start = new AtomicReference<>(Start.WAITING);
    /** Whether the broker's unavailability has been logged since it last answered; shared with {@link KafkaSignals}. */
    private final AtomicBoolean outageReported = new AtomicBoolean();
    private volatile boolean connected;
    private volatile boolean delivering;
    private volatile boolean listenerInterrupted;
    private boolean listenerFailing;
    /** Stages handed out whose completion has not been taken up yet; consumer thread only. */
    private int outstanding;

    TopicConsumer(KafkaTopicSignal signal, String description, Consumer<Object, Object> consumer,
                  SignalListener listener, String threadName) {
        this.topic = signal.topic();
        this.signal = signal;
        this.description = description;
        this.consumer = consumer;
        this.listener = listener;
        this.redelivery = signal.owner().settings().redelivery();
        this.deliveries = new Deliveries(signal.owner().settings().maxInFlight());
        this.thread = new Thread(this::run, threadName);
        // A forgotten subscription must not keep the JVM from exiting.
        this.thread.setDaemon(true);
    }

    /** Subscribes or assigns, on the consumer thread before the first poll. */
    abstract void begin();

    /** The next records, or none, waiting at most {@code timeout}; called in a loop until the subscription is closed. */
    abstract ConsumerRecords<Object, Object> nextRecords(Duration timeout);

    /**
     * Makes {@code partitions}, whose committed or current position is missing or gone, start at
     * their end, and tells the listener that records may have been missed.
     */
    abstract void startAtEnd(Collection<TopicPartition> partitions, String why);

    /** Called when everything before {@code nextOffset} of {@code partition} has been handled. */
    void handled(TopicPartition partition, long nextOffset) {
    }

    /** Called on the consumer thread once the loop has ended and pending stages had their grace, before the consumer closes. */
    void beforeClose() {
    }

    /** Closes the consumer of a subscription whose thread was never started. */
    final void closeUnstarted() {
        consumer.close(CloseOptions.timeout(Duration.ZERO));
    }

    /** Starts the consumer thread. */
    final void startThread() {
        thread.start();
    }

    /**
     * Waits until the consumer knows where it starts reading.
     *
     * @return false if {@code timeout} passed first; the consumer keeps trying in the background
     */
    final boolean awaitPositioned(Duration timeout) {
        try {
            if (positionedLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !start.compareAndSet(Start.WAITING, Start.GAVE_UP);
    }

    /** Whether the consumer has had a connection to a broker since it started. */
    final boolean everConnected() {
        return connected;
    }

    /**
     * Claims the one warning of an outage.
     *
     * @return true if the caller is to log it: nobody has since the broker last answered
     */
    final boolean claimOutageWarning() {
        return !outageReported.getAndSet(true);
    }

    /**
     * Records that the consumer knows where it starts reading.
     *
     * @return true if {@code subscribe} had already returned without waiting for this, so that
     *         records published in between may have been missed
     */
    final boolean positioned() {
        Start before = start.getAndSet(Start.POSITIONED);
        positionedLatch.countDown();
        if (outageReported.getAndSet(false)) {
            LOG.info("{}: reached the broker; the subscription is live", description);
        }
        return before == Start.GAVE_UP;
    }

    /** Moves {@code partitions} to their end and returns those positions, each resolved now. */
    final Map<TopicPartition, Long> seekToEnd(Collection<TopicPartition> partitions) {
        consumer.seekToEnd(partitions);
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            positions.put(partition, consumer.position(partition, REQUEST_TIMEOUT));
        }
        return positions;
    }

    /**
     * Tells the listener that records may have been missed ({@link SignalListener#onPossibleLossAsync}).
     * Each of {@code startPositions} (partition to the offset it now starts at) is committable only
     * once the stage has completed normally; a stage that fails is retried like a record.
     */
    final void reportPossibleLoss(String why, Map<TopicPartition, Long> startPositions) {
        LOG.info("{} may have missed records ({}): reporting a possible loss", description, why);
        Delivery loss = Delivery.possibleLoss(startPositions.keySet(), l -> l.onPossibleLossAsync(signal.name()));
        startPositions.forEach((partition, offset) -> deliveries.add(partition, loss, offset));
        attempt(loss);
    }

    /** Waits {@code duration} or until the subscription is closed, whichever comes first. */
    final void pause(Duration duration) {
        try {
            closeRequested.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // Only close() interrupts this thread, and the loop checks for it.
        }
    }

    /** Forgets the pending deliveries of partitions this consumer no longer owns (a rebalance took them). */
    final void forgetPending(Collection<TopicPartition> partitions) {
        deliveries.forget(partitions);
    }

    /** Takes up the stages that completed, delivers again those whose backoff is over, and offers what may be committed. */
    final void settle() {
        for (Deliveries.Outcome outcome = deliveries.nextOutcome(); outcome != null; outcome = deliveries.nextOutcome()) {
            outstanding--;
            settle(outcome.delivery(), outcome.failure());
        }
        long now = System.nanoTime();
        for (Delivery due = deliveries.nextDueRetry(now); due != null && !closing(); due = deliveries.nextDueRetry(now)) {
            attempt(due);
        }
        deliveries.advance().forEach(this::handled);
        Set<TopicPartition> resumable = deliveries.toResume();
        if (!resumable.isEmpty()) {
            consumer.resume(resumable);
        }
    }

    @Override
    public final void close() {
        requestClose();
        awaitClosed();
    }

    /** Asks the consumer thread to stop, without waiting for it. Idempotent. */
    final void requestClose() {
        if (closeRequested.getCount() > 0) {
            closeRequested.countDown();
            consumer.wakeup();
        }
    }

    /** Waits for the consumer thread to end, interrupting a listener that does not return in time. */
    final void awaitClosed() {
        if (Thread.currentThread() == thread) {
            return; // a listener closing its own subscription: the loop ends when it returns
        }
        try {
            thread.join(LISTENER_GRACE.toMillis());
            if (thread.isAlive() && delivering) {
                // The record then stays uncommitted, so its group delivers it again: interrupting loses nothing.
                listenerInterrupted = true;
                thread.interrupt();
            }
            thread.join(CLOSE_TIMEOUT.plus(LISTENER_GRACE.multipliedBy(2)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{}: consumer thread {} did not stop within {}", description, thread.getName(), CLOSE_TIMEOUT);
        }
    }

    private boolean closing() {
        return closeRequested.getCount() == 0;
    }

    private void run() {
        boolean begun = false;
        try {
            while (!closing()) {
                try {
                    if (!begun) {
                        begin();
                        begun = true;
                    }
                    step();
                    recovered();
                } catch (WakeupException | InterruptException e) {
                    Thread.interrupted(); // close() woke us up: the loop condition ends the loop
                } catch (RuntimeException e) {
                    // Not only broker failures: the consumer also throws IllegalStateException and
                    // the like (a seek during a rebalance), and nothing but close() may end the loop.
                    failed(e);
                    pause(RETRY_BACKOFF);
                }
            }
        } catch (Error e) {
            // Listeners' errors are failures of their deliveries, so this is the JVM or the client
            // failing: the subscription ends, and must not end silently.
            LOG.error("{}: the consumer thread stops on an error; this subscription receives nothing more",
                    description, e);
            throw e;
        } finally {
            finish();
        }
    }

    private void step() {
        settle();
        try {
            ConsumerRecords<Object, Object> records = nextRecords(pollTimeout());
            noteConnection();
            for (TopicPartition partition : records.partitions()) {
                for (ConsumerRecord<Object, Object> record : records.records(partition)) {
                    if (closing()) {
                        return; // the rest stays uncommitted, so a group delivers it again
                    }
                    if (deliveries.full(partition)) {
                        consumer.seek(partition, record.offset()); // fetched again once the partition resumes
                        break;
                    }
                    deliver(record);
                }
            }
            Set<TopicPartition> full = deliveries.toPause();
            if (!full.isEmpty()) {
                consumer.pause(full);
            }
        } catch (InvalidOffsetException e) {
            startAtEnd(e.partitions(), "no usable committed offset for " + e.partitions());
            positioned(); // in case the rebalance callback that positions a group failed before
        } catch (RecordDeserializationException e) {
            TopicPartition partition = e.topicPartition();
            LOG.warn("{}: skipping the record at offset {} of {}, whose {} cannot be decoded", description,
                    e.offset(), partition, e.origin().name().toLowerCase(Locale.ROOT), e);
            consumer.seek(partition, e.offset() + 1);
            deliveries.add(partition, Delivery.skipped(partition, e.offset()), e.offset() + 1);
        }
    }

    /**
     * How long the next poll may wait: long when nothing is pending; short while stages are pending,
     * so their completions are taken up soon; nothing when every partition is paused, after waiting
     * for a completion instead, as a poll could fetch nothing then.
     */
    private Duration pollTimeout() {
        if (!deliveries.busy()) {
            return POLL_TIMEOUT;
        }
        if (deliveries.allPaused(consumer.assignment())) {
            deliveries.awaitOutcome(PAUSED_WAIT_NANOS);
            return Duration.ZERO;
        }
        return BUSY_POLL_TIMEOUT;
    }

    private void deliver(ConsumerRecord<Object, Object> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        SignalEvent event = new SignalEvent(signal.name(), keyOf(record), record.value(), timestampOf(record));
        Delivery delivery = Delivery.record(partition, record.offset(), l -> l.onSignalAsync(event));
        deliveries.add(partition, delivery, record.offset() + 1);
        attempt(delivery);
    }

    /** Hands a delivery to the listener; its outcome is taken up by a later {@link #settle()}. */
    private void attempt(Delivery delivery) {
        CompletionStage<Void> stage;
        delivering = true;
        try {
            stage = delivery.handTo(listener);
            if (stage == null) {
                stage = CompletableFuture.failedFuture(new NullPointerException("the listener returned no stage"));
            }
        } catch (OutOfMemoryError | InternalError | UnknownError fatal) {
            throw fatal; // the JVM itself is failing: nothing this thread does next can be trusted
        } catch (Throwable e) {
            // Errors too (an AssertionError, a NoClassDefFoundError, a StackOverflowError whose
            // frames are unwound by now): they are the listener's failure, not this thread's, so
            // the record is delivered again like after an exception instead of ending the loop.
            stage = CompletableFuture.failedFuture(e);
        } finally {
            delivering = false;
        }
        if (listenerInterrupted) {
            return; // close() cut the listener short: not handled, so never committed
        }
        outstanding++;
        stage.whenComplete((ignored, failure) -> deliveries.completed(delivery, failure));
    }

    private void settle(Delivery delivery, Throwable failure) {
        if (delivery.isAbandoned()) {
            return;
        }
        if (failure == null) {
            delivery.done();
            if (listenerFailing) {
                listenerFailing = false;
                LOG.info("Listener of {} succeeds again", description);
            }
            return;
        }
        if (closing()) {
            return; // not handled: stays uncommitted, so its group delivers it again
        }
        int failed = delivery.failed();
        if (failed >= redelivery.attempts()) {
            LOG.error("Listener of {} failed {} times on {}; skipping it (last failure: {})", description, failed,
                    delivery, failure.toString());
            delivery.done();
            return;
        }
        Duration backoff = redelivery.backoffAfter(failed);
        if (unwrap(failure) instanceof Error) {
            // A bug or a broken deployment, not an outage behind the listener: never quieted.
            LOG.error("Listener of {} threw an error on {} (attempt {} of {}); delivering it again in {} ms",
                    description, delivery, failed, redelivery.attempts(), backoff.toMillis(), failure);
        } else if (!listenerFailing) {
            listenerFailing = true;
            LOG.warn("Listener of {} failed on {} (attempt {} of {}); delivering it again in {} ms. Further failures "
                    + "are logged at DEBUG until a delivery succeeds", description, delivery, failed,
                    redelivery.attempts(), backoff.toMillis(), failure);
        } else {
            LOG.debug("Listener of {} failed on {} (attempt {} of {}); delivering it again in {} ms", description,
                    delivery, failed, redelivery.attempts(), backoff.toMillis(), failure);
        }
        deliveries.retryLater(delivery, System.nanoTime() + backoff.toNanos());
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure;
    }

    private static String keyOf(ConsumerRecord<Object, Object> record) {
        Object key = record.key();
        return key == null ? null : key.toString();
    }

    private static Instant timestampOf(ConsumerRecord<Object, Object> record) {
        return record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now();
    }

    /** Remembers whether the consumer ever had a broker connection, for the warning of a broker that cannot be reached. */
    private void noteConnection() {
        if (!connected) {
            connected = consumer.metrics().entrySet().stream()
                    .anyMatch(metric -> metric.getKey().name().equals("connection-count")
                            && metric.getValue().metricValue() instanceof Number count && count.doubleValue() > 0);
        }
    }

    /** Logs a failure of the loop: the first of an outage at WARN (its stack trace at DEBUG), the rest at DEBUG. */
    private void failed(RuntimeException e) {
        if (claimOutageWarning()) {
            LOG.warn("{}: {}; retrying until it succeeds (further failures are logged at DEBUG)", description, e.toString());
        }
        LOG.debug("{}: failed", description, e);
    }

    private void recovered() {
        if (connected && start.get() == Start.POSITIONED && outageReported.getAndSet(false)) {
            LOG.info("{}: recovered", description);
        }
    }

    /** Gives pending stages up to the grace period to complete, so that what they handled is committed. */
    private void awaitPending() {
        long deadline = System.nanoTime() + LISTENER_GRACE.toNanos();
        settle();
        while (outstanding > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(IDLE_WAIT_NANOS);
            settle();
        }
    }

    private void finish() {
        Thread.interrupted(); // an interrupt meant for a listener must not fail the commit and close below
        try {
            awaitPending();
            beforeClose();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing failed; records since the last commit will be delivered again ({})", description,
                    e.toString());
        }
        try {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.warn("{}: closing its consumer failed ({})", description, e.toString());
        }
        signal.owner().forget(this);
    }

    @Override
    public String toString() {
        return "KafkaSubscription[" + description + "]";
    }
}

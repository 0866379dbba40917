package io.regioncache.signals.kafka;

import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * which polls, hands each record to the listener and stops when the subscription is closed.
 * Subclasses decide where reading starts and what is committed.
 *
 * <p>Nothing a listener or the broker does ends the loop: a record whose listener throws is
 * delivered again after a backoff, a bounded number of times (see {@link Redelivery}), then logged
 * and skipped; an undecodable record is logged and skipped; broker failures and any other
 * exception of the consumer are logged and retried. Only {@link #close()} ends it.
 */
abstract class TopicConsumer implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(TopicConsumer.class);

    /** A poll ends early when records arrive or {@link #close()} wakes it; this only paces retries. */
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    /** Bounds each blocking broker call of the loop, so that a dead broker is retried, never waited on. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #close()} lets a running listener finish before it interrupts it. */
    private static final Duration LISTENER_GRACE = Duration.ofSeconds(1);
    /** How long the final commit and leaving the group may take. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private enum Start { WAITING, POSITIONED, GAVE_UP }

    final String topic;
    final String description;
    final Consumer<Object, Object> consumer;
    private final KafkaTopicSignal signal;
    private final SignalListener listener;
    private final Redelivery redelivery;
    private final Thread thread;
    private final CountDownLatch positionedLatch = new CountDownLatch(1);
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    private final AtomicReference<Start> start = new AtomicReference<>(Start.WAITING);
    private volatile boolean delivering;
    private volatile boolean listenerInterrupted;
    private boolean failing;
    /**
     * Per partition, the record whose listener threw and how many times in a row it did; consumer
     * thread only. Per partition, because the next poll may return another partition's failing
     * record first, and that must not reset this one's count.
     */
    private final Map<TopicPartition, Failure> failures = new HashMap<>();

    private record Failure(long offset, int count) {
    }

    TopicConsumer(KafkaTopicSignal signal, String description, Consumer<Object, Object> consumer,
                  SignalListener listener, String threadName) {
        this.topic = signal.topic();
        this.signal = signal;
        this.description = description;
        this.consumer = consumer;
        this.listener = listener;
        this.redelivery = signal.owner().settings().redelivery();
        this.thread = new Thread(this::run, threadName);
        // A forgotten subscription must not keep the JVM from exiting.
        this.thread.setDaemon(true);
    }

    /** Subscribes or assigns, on the consumer thread before the first poll. */
    abstract void begin();

    /** The next records, or none; called in a loop until the subscription is closed. */
    abstract ConsumerRecords<Object, Object> nextRecords();

    /**
     * Makes {@code partitions}, whose committed or current position is missing or gone, start at
     * their end, and tells the listener that records may have been missed.
     */
    abstract void startAtEnd(Collection<TopicPartition> partitions, String why);

    /** Called when the listener has returned for the record at {@code offset}, or it was skipped. */
    void handled(TopicPartition partition, long offset) {
    }

    /** Called on the consumer thread once the loop has ended, before the consumer closes. */
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

    /**
     * Records that the consumer knows where it starts reading.
     *
     * @return true if {@code subscribe} had already returned without waiting for this, so that
     *         records published in between may have been missed
     */
    final boolean positioned() {
        Start before = start.getAndSet(Start.POSITIONED);
        positionedLatch.countDown();
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
     * Tells the listener that records may have been missed, calling it again after a backoff while
     * it throws, up to the configured number of attempts.
     *
     * @return true if the listener returned, or the attempts ran out; false if the subscription was
     *         closed first, so that the loss must not be treated as handled
     */
    final boolean reportPossibleLoss(String why) {
        LOG.info("{} may have missed records ({}): reporting a possible loss", description, why);
        for (int attempt = 1; ; attempt++) {
            delivering = true;
            try {
                listener.onPossibleLoss(signal.name());
                return true;
            } catch (Exception e) {
                if (closing() || listenerInterrupted) {
                    return false;
                }
                if (attempt >= redelivery.attempts()) {
                    LOG.error("Listener of {} failed {} times on a possible loss; giving up on it", description,
                            attempt, e);
                    return true;
                }
                LOG.warn("Listener of {} failed on a possible loss (attempt {} of {}); calling it again",
                        description, attempt, redelivery.attempts(), e);
            } finally {
                delivering = false;
            }
            pause(redelivery.backoffAfter(attempt));
            if (closing()) {
                return false;
            }
        }
    }

    /** Waits {@code duration} or until the subscription is closed, whichever comes first. */
    final void pause(Duration duration) {
        try {
            closeRequested.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // Only close() interrupts this thread, and the loop checks for it.
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
            thread.join(CLOSE_TIMEOUT.plus(LISTENER_GRACE).toMillis());
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
        } finally {
            finish();
        }
    }

    private void step() {
        try {
            ConsumerRecords<Object, Object> records = nextRecords();
            for (TopicPartition partition : records.partitions()) {
                if (!deliver(partition, records.records(partition))) {
                    rewind(records, partition);
                    return;
                }
            }
        } catch (InvalidOffsetException e) {
            startAtEnd(e.partitions(), "no usable committed offset for " + e.partitions());
            positioned(); // in case the rebalance callback that positions a group failed before
        } catch (RecordDeserializationException e) {
            TopicPartition partition = e.topicPartition();
            LOG.warn("{}: skipping the record at offset {} of {}, whose {} cannot be decoded", description,
                    e.offset(), partition, e.origin().name().toLowerCase(Locale.ROOT), e);
            consumer.seek(partition, e.offset() + 1);
            handled(partition, e.offset());
        }
    }

    /**
     * Hands the records of one partition to the listener, in order.
     *
     * @return false if one of them was not handled (its listener threw and may have it again, or the
     *         subscription is closing); the consumer's position is then set back to it
     */
    private boolean deliver(TopicPartition partition, List<ConsumerRecord<Object, Object>> records) {
        for (ConsumerRecord<Object, Object> record : records) {
            if (closing()) {
                return false; // the rest stays uncommitted, so a group delivers it again
            }
            SignalEvent event = new SignalEvent(signal.name(), keyOf(record), record.value(), timestampOf(record));
            delivering = true;
            Exception failure = null;
            try {
                listener.onSignal(event);
            } catch (Exception e) {
                failure = e;
            } finally {
                delivering = false;
            }
            if (listenerInterrupted || (failure != null && closing())) {
                return false; // close() cut the listener short, or came while it failed: not handled
            }
            if (failure != null) {
                int failed = countFailure(partition, record.offset(), failure);
                if (failed < redelivery.attempts()) {
                    consumer.seek(partition, record.offset());
                    pause(redelivery.backoffAfter(failed));
                    return false;
                }
            }
            failures.remove(partition);
            handled(partition, record.offset());
        }
        return true;
    }

    /**
     * Counts and logs a failure of the listener on a record.
     *
     * @return how many times in a row the listener failed on it; when that reaches the attempts,
     *         the record is skipped
     */
    private int countFailure(TopicPartition partition, long offset, Exception failure) {
        Failure last = failures.get(partition);
        int count = last != null && last.offset() == offset ? last.count() + 1 : 1;
        failures.put(partition, new Failure(offset, count));
        if (count >= redelivery.attempts()) {
            LOG.error("Listener of {} failed {} times on the record at offset {} of {}; skipping it", description,
                    count, offset, partition, failure);
        } else {
            LOG.warn("Listener of {} failed on the record at offset {} of {} (attempt {} of {}); delivering it again",
                    description, offset, partition, count, redelivery.attempts(), failure);
        }
        return count;
    }

    /**
     * Sets the position of the partitions after {@code stopped} in {@code records}, which were
     * fetched but not delivered, back to their first record, so that the next poll returns them.
     */
    private void rewind(ConsumerRecords<Object, Object> records, TopicPartition stopped) {
        boolean after = false;
        for (TopicPartition partition : records.partitions()) {
            if (after) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
            after = after || partition.equals(stopped);
        }
    }

    private static String keyOf(ConsumerRecord<Object, Object> record) {
        Object key = record.key();
        return key == null ? null : key.toString();
    }

    private static Instant timestampOf(ConsumerRecord<Object, Object> record) {
        return record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now();
    }

    private void failed(RuntimeException e) {
        if (!failing) {
            failing = true;
            LOG.warn("{}: failed; retrying until it succeeds", description, e);
        } else {
            LOG.debug("{}: still failing", description, e);
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.info("{}: recovered", description);
        }
    }

    private void finish() {
        Thread.interrupted(); // an interrupt meant for a listener must not fail the commit and close below
        try {
            beforeClose();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing failed; records since the last commit will be delivered again", description, e);
        }
        try {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.warn("{}: closing its consumer failed", description, e);
        }
        signal.owner().forget(this);
    }

    @Override
    public String toString() {
        return "KafkaSubscription[" + description + "]";
    }
}

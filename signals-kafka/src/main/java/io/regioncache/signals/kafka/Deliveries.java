package io.regioncache.signals.kafka;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.TopicPartition;

/**
 * The deliveries of one subscription whose stages have not all completed, per partition in offset
 * order, so that only a partition's completed prefix is committed. A stage may complete on any
 * thread: it only queues its outcome, which the consumer thread takes up; everything else is used
 * by the consumer thread only.
 *
 * <p>A partition with {@code maxInFlight} deliveries waiting (handed to the listener and not
 * completed, or completed behind one that has not) is paused, so that one slow stage does not let
 * records pile up in memory, and resumed once it is below that again.
 */
final class Deliveries {

    /** A delivery in a partition's window, and the offset to commit once it and all before it completed. */
    private record Entry(Delivery delivery, long nextOffset) {
    }

    /** How a stage completed: {@code failure} is null if normally. */
    record Outcome(Delivery delivery, Throwable failure) {
    }

    private final int maxInFlight;
    private final Map<TopicPartition, ArrayDeque<Entry>> windows = new HashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private final PriorityQueue<Delivery> retries = new PriorityQueue<>(Comparator.comparingLong(Delivery::retryAtNanos));
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    /** The consumer thread while it waits in {@link #awaitOutcome}, so that a completion wakes it. */
    private volatile Thread waiting;

    Deliveries(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /** Adds {@code delivery} to the window of {@code partition}; {@code nextOffset} is committable once it completed. */
    void add(TopicPartition partition, Delivery delivery, long nextOffset) {
        windows.computeIfAbsent(partition, p -> new ArrayDeque<>()).add(new Entry(delivery, nextOffset));
    }

    /** Records how a stage completed; called on whatever thread completed it. */
    void completed(Delivery delivery, Throwable failure) {
        outcomes.add(new Outcome(delivery, failure));
        Thread waiter = waiting;
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
    }

    /**
     * Waits until a stage completes, at most {@code nanos}: for when every partition is paused, so
     * that polling could fetch nothing and only a completion lets the subscription go on.
     */
    void awaitOutcome(long nanos) {
        waiting = Thread.currentThread();
        try {
            if (outcomes.isEmpty()) {
                LockSupport.parkNanos(this, nanos);
            }
        } finally {
            waiting = null;
        }
    }

    /** The next completion to take up, or null. */
    Outcome nextOutcome() {
        return outcomes.poll();
    }

    void retryLater(Delivery delivery, long atNanos) {
        delivery.retryAt(atNanos);
        retries.add(delivery);
    }

    /** The next delivery whose retry is due at {@code nowNanos}, or null; abandoned ones are dropped. */
    Delivery nextDueRetry(long nowNanos) {
        while (!retries.isEmpty() && retries.peek().retryAtNanos() - nowNanos <= 0) {
            Delivery due = retries.poll();
            if (!due.isAbandoned()) {
                return due;
            }
        }
        return null;
    }

    /**
     * Drops the completed prefix of every window.
     *
     * @return per partition whose prefix moved, the offset that may now be committed
     */
    Map<TopicPartition, Long> advance() {
        Map<TopicPartition, Long> committable = new HashMap<>();
        windows.forEach((partition, window) -> {
            while (!window.isEmpty() && window.peek().delivery().isDone()) {
                committable.put(partition, window.poll().nextOffset());
            }
        });
        return committable;
    }

    /** Whether {@code partition} has {@code maxInFlight} deliveries waiting, so that it takes no more. */
    boolean full(TopicPartition partition) {
        ArrayDeque<Entry> window = windows.get(partition);
        return window != null && window.size() >= maxInFlight;
    }

    /** The partitions that reached {@code maxInFlight} and are not paused yet; they count as paused from now on. */
    Set<TopicPartition> toPause() {
        Set<TopicPartition> reached = new HashSet<>();
        windows.keySet().forEach(partition -> {
            if (full(partition) && paused.add(partition)) {
                reached.add(partition);
            }
        });
        return reached;
    }

    /** The paused partitions that are below {@code maxInFlight} again; they count as resumed from now on. */
    Set<TopicPartition> toResume() {
        Set<TopicPartition> ready = new HashSet<>();
        paused.removeIf(partition -> {
            ArrayDeque<Entry> window = windows.get(partition);
            boolean below = window == null || window.size() < maxInFlight;
            if (below) {
                ready.add(partition);
            }
            return below;
        });
        return ready;
    }

    /** Forgets partitions this consumer no longer owns; deliveries that waited only for them are not retried. */
    void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            ArrayDeque<Entry> window = windows.remove(partition);
            if (window != null) {
                window.forEach(entry -> entry.delivery().release(partition));
            }
            paused.remove(partition);
        }
    }

    /** Whether every partition this consumer reads is paused, so that a poll can fetch nothing. */
    boolean allPaused(Set<TopicPartition> assigned) {
        return !assigned.isEmpty() && paused.containsAll(assigned);
    }

    /** Whether any stage has not completed, or waits to be delivered again. */
    boolean busy() {
        return !retries.isEmpty() || windows.values().stream().anyMatch(window -> !window.isEmpty());
    }
}

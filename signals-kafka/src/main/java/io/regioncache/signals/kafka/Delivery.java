package io.regioncache.signals.kafka;

import io.regioncache.signals.SignalListener;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * One thing handed to the listener whose stage must complete before the offsets behind it may be
 * committed: a record (one partition), or a possible loss (the partitions that start at their end
 * because of it, or none). Used by the consumer thread only; cheap to make, as there is one per
 * record (its description is built only when logged).
 */
final class Delivery {

    private static final long NO_OFFSET = -1;

    private final Function<SignalListener, CompletionStage<Void>> call;
    private final TopicPartition partition;
    private final long offset;
    /** Partitions whose commits wait for it, beyond {@link #partition}: a possible loss's. */
    private final Set<TopicPartition> partitions;
    private int failures;
    private long retryAtNanos;
    private boolean done;
    private boolean abandoned;

    private Delivery(Function<SignalListener, CompletionStage<Void>> call, TopicPartition partition, long offset,
                     Set<TopicPartition> partitions) {
        this.call = call;
        this.partition = partition;
        this.offset = offset;
        this.partitions = partitions;
    }

    /** The record at {@code offset} of {@code partition}, handed over by {@code call}. */
    static Delivery record(TopicPartition partition, long offset, Function<SignalListener, CompletionStage<Void>> call) {
        return new Delivery(call, partition, offset, null);
    }

    /** A possible loss, which the commits of {@code partitions} (possibly none) wait for. */
    static Delivery possibleLoss(Set<TopicPartition> partitions, Function<SignalListener, CompletionStage<Void>> call) {
        return new Delivery(call, null, NO_OFFSET, new HashSet<>(partitions));
    }

    /** An undecodable record that is skipped: handled without the listener. */
    static Delivery skipped(TopicPartition partition, long offset) {
        Delivery delivery = new Delivery(listener -> null, partition, offset, null);
        delivery.done = true;
        return delivery;
    }

    CompletionStage<Void> handTo(SignalListener listener) {
        return call.apply(listener);
    }

    /** Counts a failure and returns how many there were in a row. */
    int failed() {
        return ++failures;
    }

    void retryAt(long nanos) {
        retryAtNanos = nanos;
    }

    long retryAtNanos() {
        return retryAtNanos;
    }

    void done() {
        done = true;
    }

    boolean isDone() {
        return done;
    }

    /**
     * Forgets a partition this consumer no longer owns; once it held only partitions that are gone,
     * nobody waits for it any more and it is not delivered again.
     */
    void release(TopicPartition gone) {
        if (partitions == null ? gone.equals(partition) : partitions.remove(gone) && partitions.isEmpty()) {
            abandoned = true;
        }
    }

    boolean isAbandoned() {
        return abandoned;
    }

    @Override
    public String toString() {
        return partition == null ? "a possible loss" : "the record at offset " + offset + " of " + partition;
    }
}

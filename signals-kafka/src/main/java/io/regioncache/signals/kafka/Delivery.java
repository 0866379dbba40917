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
 * because of it, or none). Used by the consumer thread only.
 */
final class Delivery {

    private final String what;
    private final Function<SignalListener, CompletionStage<Void>> call;
    private final Set<TopicPartition> partitions;
    private int failures;
    private long retryAtNanos;
    private boolean done;
    private boolean abandoned;

    /**
     * @param what       how logs name it, such as "the record at offset 5 of orders-0"
     * @param call       hands it to the listener
     * @param partitions whose commits wait for it
     */
    Delivery(String what, Function<SignalListener, CompletionStage<Void>> call, Set<TopicPartition> partitions) {
        this.what = what;
        this.call = call;
        this.partitions = new HashSet<>(partitions);
    }

    /** A delivery that needs nothing from the listener, such as an undecodable record that is skipped. */
    static Delivery handled(String what, TopicPartition partition) {
        Delivery delivery = new Delivery(what, listener -> null, Set.of(partition));
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
    void release(TopicPartition partition) {
        if (partitions.remove(partition) && partitions.isEmpty()) {
            abandoned = true;
        }
    }

    boolean isAbandoned() {
        return abandoned;
    }

    @Override
    public String toString() {
        return what;
    }
}

package io.regioncache.signals.kafka;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.Cluster;

/**
 * A range assignor that, when armed, throws an {@link IllegalStateException} from its next
 * assignment: the consumer's poll then throws it as it is, not wrapped in a KafkaException, as
 * Kafka's own seek and position do when a partition is taken away during a rebalance.
 */
public final class FailingOnceAssignor extends RangeAssignor {

    private static final AtomicBoolean ARMED = new AtomicBoolean();

    /** Makes the next assignment, by any consumer configured with this assignor, fail. */
    static void arm() {
        ARMED.set(true);
    }

    /** Whether the armed failure has not happened yet. */
    static boolean armed() {
        return ARMED.get();
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        if (ARMED.getAndSet(false)) {
            throw new IllegalStateException("an assignment failure the consumer thread must survive");
        }
        return super.assign(metadata, groupSubscription);
    }
}

package io.regioncache.signals.kafka;

import io.regioncache.signals.SignalListener;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription that is a member of a consumer group: the group's members share the topic's
 * partitions, and a record's offset is committed only once the listener's stage for it, and for
 * every record before it in its partition, has completed normally (at-least-once; a record whose
 * stage fails is delivered again, see {@link Redelivery}). A group with no committed offset
 * reports a possible loss and starts at the end, and commits that start as soon as the listener
 * has handled the loss, so that records published from then on are applied even if this member
 * stops before any of them arrives.
 */
final class GroupTopicConsumer extends TopicConsumer implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(GroupTopicConsumer.class);

    private final String group;
    // Both maps hold next-offsets to read; only the consumer thread touches them.
    private final Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    private boolean commitInFlight;
    private boolean commitFailing;

    GroupTopicConsumer(KafkaTopicSignal signal, String group, String description, Consumer<Object, Object> consumer,
            SignalListener listener, String threadName) {
        super(signal, description, consumer, listener, threadName);
        this.group = group;
    }

    @Override
    void begin() {
        consumer.subscribe(List.of(topic), this);
    }

    @Override
    ConsumerRecords<Object, Object> nextRecords(Duration timeout) {
        commitHandled();
        return consumer.poll(timeout);
    }

    @Override
    void handled(TopicPartition partition, long nextOffset) {
        handled.put(partition, new OffsetAndMetadata(nextOffset));
    }

    @Override
    void startAtEnd(Collection<TopicPartition> partitions, String why) {
        // The start is committable only once the listener has handled the loss (it is called again
        // while it fails): if this process dies or closes before, the next member finds no offset
        // and reports the loss again.
        reportPossibleLoss(why, seekToEnd(partitions));
        // A listener that handled the loss at once gets the start committed before subscribe
        // returns, as the next member must find it even if this one stops right away.
        settle();
        Map<TopicPartition, OffsetAndMetadata> due = due();
        due.keySet().retainAll(partitions);
        if (!due.isEmpty()) {
            consumer.commitSync(due, REQUEST_TIMEOUT);
            committed.putAll(due);
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = consumer.committed(new HashSet<>(partitions), REQUEST_TIMEOUT);
            Set<TopicPartition> fresh = new HashSet<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = offsets.get(partition);
                if (offset == null) {
                    fresh.add(partition);
                } else {
                    committed.put(partition, offset);
                }
            }
            if (!fresh.isEmpty()) {
                startAtEnd(fresh, "consumer group '" + group + "' has no committed offset for " + fresh);
            }
        }
        positioned();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        settle();
        Map<TopicPartition, OffsetAndMetadata> due = due();
        due.keySet().retainAll(partitions);
        if (!due.isEmpty()) {
            try {
                consumer.commitSync(due, REQUEST_TIMEOUT);
            } catch (KafkaException e) {
                LOG.warn("{}: cannot commit {} before handing the partitions over; their next owner will deliver "
                        + "those records again ({})", description, due, e.toString());
            }
        }
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        // Another member may own them already: committing now could move its offsets backwards.
        forget(partitions);
    }

    @Override
    void beforeClose() {
        Map<TopicPartition, OffsetAndMetadata> due = due();
        if (due.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(due, REQUEST_TIMEOUT);
        } catch (WakeupException e) {
            // The wakeup was close()'s, sent while a listener ran; it has done its job of ending the loop.
            consumer.commitSync(due, REQUEST_TIMEOUT);
        }
        committed.putAll(due);
    }

    private void commitHandled() {
        Map<TopicPartition, OffsetAndMetadata> due = due();
        if (due.isEmpty() || commitInFlight) {
            return;
        }
        commitInFlight = true;
        // Asynchronous, so that the next poll is not delayed by a round trip; a failed commit is
        // simply retried before a later poll, and beforeClose commits synchronously.
        consumer.commitAsync(due, (offsets, error) -> {
            commitInFlight = false;
            if (error == null) {
                committed.putAll(offsets);
                if (commitFailing) {
                    commitFailing = false;
                    LOG.info("{}: committing offsets again", description);
                }
            } else if (!commitFailing) {
                commitFailing = true;
                LOG.warn("{}: cannot commit offsets yet ({}); retrying", description, error.toString());
            }
        });
    }

    private Map<TopicPartition, OffsetAndMetadata> due() {
        Map<TopicPartition, OffsetAndMetadata> due = new HashMap<>();
        handled.forEach((partition, offset) -> {
            OffsetAndMetadata last = committed.get(partition);
            if (last == null || last.offset() != offset.offset()) {
                due.put(partition, offset);
            }
        });
        return due;
    }

    private void forget(Collection<TopicPartition> partitions) {
        handled.keySet().removeAll(partitions);
        committed.keySet().removeAll(partitions);
        forgetPending(partitions);
    }
}

package io.regioncache.signals.kafka;

import io.regioncache.signals.SignalListener;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * A subscription that sees every record: no consumer group, every partition assigned to itself,
 * positions kept in memory and never committed. It starts at the end of each partition that exists
 * when it starts, and at the beginning of any partition (or of the topic) created later, all of
 * whose records are newer than the subscription.
 */
final class BroadcastTopicConsumer extends TopicConsumer {

    /** Partitions are looked up this often; the lookup is served from the consumer's metadata cache. */
    private static final Duration PARTITION_LOOKUP_INTERVAL = Duration.ofSeconds(1);

    private final Set<TopicPartition> assigned = new HashSet<>();
    private boolean started;
    private long nextLookup = System.nanoTime();

    BroadcastTopicConsumer(KafkaTopicSignal signal, String description, Consumer<Object, Object> consumer,
            SignalListener listener, String threadName) {
        super(signal, description, consumer, listener, threadName);
    }

    @Override
    void begin() {
        // Partitions are looked up in the loop, where a broker that is down is retried.
    }

    @Override
    ConsumerRecords<Object, Object> nextRecords(Duration timeout) {
        if (System.nanoTime() - nextLookup >= 0) {
            lookUpPartitions();
            nextLookup = System.nanoTime() + PARTITION_LOOKUP_INTERVAL.toNanos();
        }
        if (assigned.isEmpty()) {
            pause(PARTITION_LOOKUP_INTERVAL); // the topic does not exist yet
            return ConsumerRecords.empty();
        }
        return consumer.poll(timeout);
    }

    @Override
    void startAtEnd(Collection<TopicPartition> partitions, String why) {
        reportPossibleLoss(why, seekToEnd(partitions));
    }

    private void lookUpPartitions() {
        Set<TopicPartition> added = new HashSet<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, REQUEST_TIMEOUT)) {
            TopicPartition partition = new TopicPartition(info.topic(), info.partition());
            if (!assigned.contains(partition)) {
                added.add(partition);
            }
        }
        if (!added.isEmpty()) {
            Set<TopicPartition> all = new HashSet<>(assigned);
            all.addAll(added);
            consumer.assign(all);
            if (started) {
                consumer.seekToBeginning(added);
            } else {
                seekToEnd(added);
            }
            assigned.addAll(added);
        }
        if (!started) {
            started = true;
            if (positioned()) {
                reportPossibleLoss("it found where to start only after subscribe returned", Map.of());
            }
        }
    }
}

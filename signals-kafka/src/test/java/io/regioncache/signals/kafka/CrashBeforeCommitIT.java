package io.regioncache.signals.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.QuietLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two processes (two {@link KafkaSignals}) share a consumer group; one of them dies after its
 * listener has handled records and before their offsets reach the broker. Its last commits are
 * lost (a {@link CrashingConsumer} drops them from its 20th record on, the point of the crash),
 * and it closes itself from its listener on its 40th record. The survivor takes its partition
 * over from the last offset that did reach the broker: every record the dead member handled after
 * that is delivered again to the survivor (at-least-once), and no record is lost.
 */
@ExtendWith(QuietLog.class)
class CrashBeforeCommitIT {

    @RegisterExtension
    static final FaultFigures FIGURES = new FaultFigures();

    @RegisterExtension
    static final BrokerClients CLIENTS = new BrokerClients();

    private static final int RECORDS = 200;
    /** The dead member's record from which no commit reaches the broker. */
    private static final int CRASH_AT = 20;
    /** The dead member's record on which it closes itself. */
    private static final int CLOSE_AT = 40;
    /** Members learn of a rebalance at their next heartbeat: 3 s by default, which would make up most of the test. */
    private static final int HEARTBEAT_MS = 300;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void recordsTheDeadMemberHandledButDidNotCommitAreRedeliveredToTheSurvivor() throws Exception {
        String topic = CLIENTS.broker().createTopic("crash-before-commit", 2);
        String group = BrokerClients.newGroup();
        String deadThread = "region-cache-kafka-" + topic + "-crashing";
        List<Object> handledByDead = new CopyOnWriteArrayList<>();
        RecordingListener survivor = new RecordingListener();
        List<String> published = IntStream.range(0, RECORDS).mapToObj(i -> "record-" + i).toList();

        // Small batches, so that the dying member commits (before its crash) between them.
        try (KafkaSignals dying = KafkaSignals.create(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, CLIENTS.broker().bootstrapServers(),
                     ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_MS,
                     ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5));
             KafkaSignals surviving = KafkaSignals.create(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, CLIENTS.broker().bootstrapServers(),
                     ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_MS))) {
            CrashingConsumer consumer = new CrashingConsumer(dying.settings().forGroup(group, deadThread));
            dying.start(new GroupTopicConsumer((KafkaTopicSignal) dying.topic(topic), group, "the member that dies",
                    consumer, event -> {
                        handledByDead.add(event.payload());
                        if (handledByDead.size() == CRASH_AT) {
                            consumer.crash();
                        }
                        if (handledByDead.size() == CLOSE_AT) {
                            dying.close();
                        }
                    }, deadThread));
            // The second member splits the two partitions with the first (subscribe returns once
            // the rebalance gave it its share); only then do records flow.
            surviving.topic(topic).subscribe(group, survivor);
            publishAlternatingPartitions(topic, published);

            await().atMost(WAIT).until(() -> ConsumerThreads.of(topic).stream().noneMatch(deadThread::equals));
            List<Object> uncommitted = List.copyOf(handledByDead.subList(CRASH_AT - 1, CLOSE_AT));
            await().atMost(WAIT).until(() -> survivor.payloads().containsAll(uncommitted)
                    && union(handledByDead, survivor.payloads()).containsAll(published));

            Set<Object> redelivered = new HashSet<>(handledByDead);
            redelivered.retainAll(survivor.payloads());
            FIGURES.record(String.format("Consumer died between handling and commit: %d records published, %d handled by "
                            + "the dead member (the last %d after its commits stopped reaching the broker), %d delivered to the "
                            + "survivor, %d delivered to both, 0 lost", RECORDS, handledByDead.size(),
                    uncommitted.size(), survivor.events().size(), redelivered.size()));
        }
        assertThat(handledByDead).as("nothing after it closed").hasSize(CLOSE_AT);
        assertThat(survivor.possibleLosses()).as("the survivor resumed from committed offsets").isZero();
    }

    private static void publishAlternatingPartitions(String topic, List<String> values) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            acks.add(CLIENTS.producer().send(new ProducerRecord<>(topic, i % 2, "key", values.get(i))));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
    }

    private static Set<Object> union(List<Object> first, List<Object> second) {
        Set<Object> all = new HashSet<>(first);
        all.addAll(second);
        return all;
    }
}

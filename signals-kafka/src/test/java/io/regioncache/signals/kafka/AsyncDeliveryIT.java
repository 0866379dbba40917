package io.regioncache.signals.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records go to {@link SignalListener#onSignalAsync}: the consumer keeps polling while their stages
 * are pending, commits a partition only up to its first record whose stage has not completed, and
 * pauses a partition with too many pending records until they complete.
 */
class AsyncDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final int MAX_IN_FLIGHT = 3;

    @RegisterExtension
    static final BrokerClients CLIENTS = new BrokerClients();

    private final Map<Object, CompletableFuture<Void>> stages = new ConcurrentHashMap<>();
    private final List<Object> delivered = new CopyOnWriteArrayList<>();
    private KafkaSignals kafka;
    private String topic;
    private TopicPartition partition;

    @BeforeEach
    void createTopic() {
        topic = CLIENTS.broker().createTopic("async-it", 1);
        partition = new TopicPartition(topic, 0);
        kafka = KafkaSignals.create(Map.of("bootstrap.servers", CLIENTS.broker().bootstrapServers(),
                KafkaSignals.MAX_IN_FLIGHT_CONFIG, MAX_IN_FLIGHT));
    }

    @AfterEach
    void closeSignals() {
        kafka.close();
    }

    @Test
    void pendingStagesBlockNeitherPollingNorLaterRecordsAndOnlyTheCompletedPrefixIsCommitted() throws Exception {
        String group = BrokerClients.newGroup();
        try (Subscription ignored = kafka.topic(topic).subscribe(group, new PendingListener())) {
            long start = committedOffset(group);
            send("first");
            send("second");
            send("third");
            await().atMost(WAIT).until(() -> delivered.size() == 3);

            stages.get("second").complete(null);
            stages.get("third").complete(null);
            await().during(QUIET).atMost(WAIT).until(() -> committedOffset(group) == start);

            stages.get("first").complete(null);
            await().atMost(WAIT).until(() -> committedOffset(group) == start + 3);
        }
        assertThat(delivered).containsExactly("first", "second", "third");
    }

    @Test
    void partitionWithTooManyPendingStagesIsPausedUntilTheyComplete() throws Exception {
        try (Subscription ignored = kafka.topic(topic).subscribe(BrokerClients.newGroup(), new PendingListener())) {
            for (int i = 0; i < 8; i++) {
                send("record-" + i);
            }
            await().during(QUIET).atMost(WAIT).until(() -> delivered.size() == MAX_IN_FLIGHT);

            stages.values().forEach(stage -> stage.complete(null));
            await().atMost(WAIT).until(() -> delivered.size() == 6);
            stages.values().forEach(stage -> stage.complete(null));
            await().atMost(WAIT).until(() -> delivered.size() == 8);
        }
        assertThat(delivered).containsExactly("record-0", "record-1", "record-2", "record-3", "record-4", "record-5",
                "record-6", "record-7");
    }

    /** Answers each record with a stage the test completes. */
    private final class PendingListener implements SignalListener {

        @Override
        public void onSignal(SignalEvent event) {
            throw new AssertionError("records must be delivered through onSignalAsync");
        }

        @Override
        public CompletionStage<Void> onSignalAsync(SignalEvent event) {
            delivered.add(event.payload());
            return stages.computeIfAbsent(event.payload(), payload -> new CompletableFuture<>());
        }
    }

    private void send(String value) throws Exception {
        CLIENTS.producer().send(new ProducerRecord<>(topic, 0, "key", value)).get();
    }

    private long committedOffset(String group) {
        OffsetAndMetadata offset = CLIENTS.committed(group).get(partition);
        return offset == null ? -1 : offset.offset();
    }
}

package io.regioncache.signals.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.CapturedLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A listener that throws (or whose stage fails) has not handled its record or possible loss: it
 * gets it again after a backoff, nothing is committed past it until it is handled, later records
 * are delivered meanwhile, and after the bound it is skipped. A listener's Error is such a failure
 * too, logged at ERROR, and does not end the consumer thread. The failures are expected, so the
 * log is captured: each run of them is one WARN.
 */
class RedeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final BrokerClients CLIENTS = new BrokerClients();

    private KafkaSignals kafka;
    private String topic;
    private TopicPartition partition;
    private Signal signal;

    private CapturedLog log;

    @BeforeEach
    void createTopic() {
        log = CapturedLog.start();
        topic = CLIENTS.broker().createTopic("redelivery-it", 1);
        partition = new TopicPartition(topic, 0);
        kafka = KafkaSignals.create(Map.of("bootstrap.servers", CLIENTS.broker().bootstrapServers(),
                KafkaSignals.REDELIVERY_ATTEMPTS_CONFIG, 4,
                KafkaSignals.REDELIVERY_BACKOFF_CONFIG, 50));
        signal = kafka.topic(topic);
    }

    @AfterEach
    void closeSignals() {
        kafka.close();
        log.close();
    }

    @Test
    void recordWhoseListenerThrowsIsDeliveredAgainAndCommittedOnlyAfterItSucceeds() throws Exception {
        String group = BrokerClients.newGroup();
        List<Long> committedAtEachCall = new CopyOnWriteArrayList<>();
        List<Object> payloads = new CopyOnWriteArrayList<>();
        try (Subscription ignored = signal.subscribe(group, event -> {
            committedAtEachCall.add(committedOffset(group));
            payloads.add(event.payload());
            if (payloads.size() <= 2) {
                throw new IllegalStateException("Redis is down (a failure the adapter must deliver again after)");
            }
        })) {
            long start = committedOffset(group);
            send("invalidate");
            await().atMost(WAIT).until(() -> payloads.size() == 3);
            assertThat(committedAtEachCall).containsOnly(start);
            await().atMost(WAIT).until(() -> committedOffset(group) == start + 1);
        }
        assertThat(payloads).containsExactly("invalidate", "invalidate", "invalidate");
        assertThat(log.linesContaining("WARN io.regioncache")).as("one warning for the run of two failures")
                .singleElement().asString().contains("(attempt 1 of 4)");

        // Committed after the success: the group's next member does not get it again, only what follows.
        RecordingListener next = new RecordingListener();
        try (Subscription ignored = signal.subscribe(group, next)) {
            send("later");
            await().atMost(WAIT).until(() -> next.events().size() == 1);
        }
        assertThat(next.payloads()).containsExactly("later");
        assertThat(next.possibleLosses()).isZero();
    }

    @Test
    void listenerThatThrowsAnErrorGetsItsRecordAgainAndTheConsumerThreadLives() throws Exception {
        String group = BrokerClients.newGroup();
        List<Object> payloads = new CopyOnWriteArrayList<>();
        try (Subscription ignored = signal.subscribe(group, event -> {
            payloads.add(event.payload());
            if (payloads.size() == 1) {
                throw new AssertionError("a listener bug that must not end the consumer thread");
            }
        })) {
            long start = committedOffset(group);
            send("invalidate");
            await().atMost(WAIT).until(() -> committedOffset(group) == start + 1);
            send("later");
            await().atMost(WAIT).until(() -> committedOffset(group) == start + 2);
            assertThat(ConsumerThreads.of(topic)).as("the consumer thread survived the error").hasSize(1);
        }
        assertThat(payloads).containsExactly("invalidate", "invalidate", "later");
        assertThat(log.linesContaining("ERROR io.regioncache")).singleElement().asString()
                .contains("threw an error on the record at offset")
                .contains("(group '" + group + "')")
                .contains(topic);
        assertThat(log.text()).contains("AssertionError: a listener bug");
    }

    @Test
    void recordWhoseListenerAlwaysThrowsIsSkippedAfterTheBoundAndLaterRecordsFlow() throws Exception {
        String group = BrokerClients.newGroup();
        List<Object> payloads = new CopyOnWriteArrayList<>();
        long start;
        try (Subscription ignored = signal.subscribe(group, event -> {
            payloads.add(event.payload());
            if ("poison".equals(event.payload())) {
                throw new IllegalStateException("a listener bug the adapter must get past");
            }
        })) {
            start = committedOffset(group);
            send("poison");
            send("healthy");
            await().atMost(WAIT).until(() -> payloads.contains("healthy"));
            await().atMost(WAIT).until(() -> committedOffset(group) == start + 2);
        }
        // Later records are not held back by the failing one; only its commit waits.
        assertThat(payloads).containsExactlyInAnyOrder("poison", "poison", "poison", "poison", "healthy");
        assertThat(log.linesContaining("ERROR io.regioncache")).singleElement().asString()
                .contains("failed 4 times on the record at offset " + start + " of " + partition);
    }

    @Test
    void failingRecordsOnTwoPartitionsAreEachSkippedAfterTheBound() throws Exception {
        String twoPartitions = CLIENTS.broker().createTopic("redelivery-it", 2);
        List<Object> payloads = new CopyOnWriteArrayList<>();
        try (Subscription ignored = kafka.topic(twoPartitions).subscribe(BrokerClients.newGroup(), event -> {
            payloads.add(event.payload());
            if (String.valueOf(event.payload()).startsWith("poison")) {
                throw new IllegalStateException("a listener bug the adapter must get past");
            }
        })) {
            CLIENTS.producer().send(new ProducerRecord<>(twoPartitions, 0, "key", "poison-0")).get();
            CLIENTS.producer().send(new ProducerRecord<>(twoPartitions, 1, "key", "poison-1")).get();
            CLIENTS.producer().send(new ProducerRecord<>(twoPartitions, 0, "key", "healthy-0")).get();
            CLIENTS.producer().send(new ProducerRecord<>(twoPartitions, 1, "key", "healthy-1")).get();
            await().atMost(WAIT).until(() -> payloads.containsAll(List.of("healthy-0", "healthy-1"))
                    && payloads.size() == 10);
        }
        assertThat(payloads).filteredOn("poison-0"::equals).hasSize(4);
        assertThat(payloads).filteredOn("poison-1"::equals).hasSize(4);
    }

    @Test
    void ungroupedSubscriptionDeliversAgainToo() throws Exception {
        List<Object> payloads = new CopyOnWriteArrayList<>();
        try (Subscription ignored = signal.subscribe(event -> {
            payloads.add(event.payload());
            if (payloads.size() == 1) {
                throw new IllegalStateException("a failure the adapter must deliver again after");
            }
        })) {
            send("first");
            send("second");
            await().atMost(WAIT).until(() -> payloads.size() == 3);
        }
        assertThat(payloads).containsExactlyInAnyOrder("first", "first", "second");
    }

    @Test
    void newGroupCommitsItsStartOnlyAfterOnPossibleLossReturned() throws Exception {
        String group = BrokerClients.newGroup();
        List<Boolean> startCommittedAtEachCall = new CopyOnWriteArrayList<>();
        RecordingListener records = new RecordingListener();
        SignalListener listener = new SignalListener() {
            @Override
            public void onSignal(SignalEvent event) {
                records.onSignal(event);
            }

            @Override
            public void onPossibleLoss(String signal) {
                startCommittedAtEachCall.add(CLIENTS.committed(group).containsKey(partition));
                if (startCommittedAtEachCall.size() <= 2) {
                    throw new IllegalStateException("Redis is down (a failure the adapter must call again after)");
                }
            }
        };
        try (Subscription ignored = signal.subscribe(group, listener)) {
            await().atMost(WAIT).until(() -> CLIENTS.committed(group).containsKey(partition));
            send("after the start");
            await().atMost(WAIT).until(() -> records.events().size() == 1);
        }
        assertThat(startCommittedAtEachCall).containsExactly(false, false, false);
        assertThat(records.payloads()).containsExactly("after the start");
    }

    private void send(String value) throws ExecutionException, InterruptedException {
        CLIENTS.producer().send(new ProducerRecord<>(topic, 0, "key", value)).get();
    }

    private long committedOffset(String group) {
        OffsetAndMetadata offset = CLIENTS.committed(group).get(partition);
        return offset == null ? -1 : offset.offset();
    }
}

package io.regioncache.signals.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.Signals;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.CapturedLog;
import io.regioncache.testsupport.QuietLog;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The adapter against a real broker: delivery, groups, offsets, bad records, closing. */
@ExtendWith(QuietLog.class)
class KafkaTopicSignalIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final BrokerClients CLIENTS = new BrokerClients();

    private KafkaSignals kafka;
    private String topic;
    private Signal signal;

    @BeforeEach
    void createTopic() {
        topic = CLIENTS.broker().createTopic("signal-it", 2);
        kafka = KafkaSignals.create(CLIENTS.broker().bootstrapServers());
        signal = kafka.topic(topic);
    }

    @AfterEach
    void closeSignals() {
        kafka.close();
    }

    @Test
    void deliversKeyPayloadAndTimestampToAGroup() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (Subscription ignored = signal.subscribe(BrokerClients.newGroup(), listener)) {
            Instant before = Instant.now().minusSeconds(1);
            publish("user-1", "saved");
            publish(null, null);
            await().atMost(WAIT).until(() -> listener.events().size() == 2);
        }
        SignalEvent first = listener.events().stream().filter(e -> e.key() != null).findFirst().orElseThrow();
        assertThat(first.signal()).isEqualTo("kafka:" + topic);
        assertThat(first.key()).isEqualTo("user-1");
        assertThat(first.payload()).isEqualTo("saved");
        assertThat(first.timestamp()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(listener.events()).anySatisfy(e -> {
            assertThat(e.key()).isNull();
            assertThat(e.payload()).isNull();
        });
    }

    @Test
    void everyUngroupedSubscriptionSeesEveryRecord() throws Exception {
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        try (Subscription sa = signal.subscribe(a); Subscription sb = signal.subscribe(b)) {
            publishNumbered(10);
            await().atMost(WAIT).until(() -> a.events().size() == 10 && b.events().size() == 10);
        }
        assertThat(a.payloads()).containsExactlyInAnyOrderElementsOf(numbered(10));
        assertThat(b.payloads()).containsExactlyInAnyOrderElementsOf(numbered(10));
        assertThat(a.possibleLosses()).isZero();
    }

    @Test
    void membersOfOneGroupShareTheRecordsWhileOtherGroupsSeeThemAll() throws Exception {
        String shared = BrokerClients.newGroup();
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        RecordingListener other = new RecordingListener();
        try (Subscription s1 = signal.subscribe(shared, first);
             Subscription s2 = signal.subscribe(shared, second);
             Subscription s3 = signal.subscribe(BrokerClients.newGroup(), other)) {
            await().atMost(WAIT).until(() -> eachMemberOwnsOnePartition(shared));
            publishNumbered(20);
            await().atMost(WAIT).until(() -> first.events().size() + second.events().size() == 20
                    && other.events().size() == 20);
        }
        List<Object> sharedPayloads = new ArrayList<>(first.payloads());
        sharedPayloads.addAll(second.payloads());
        assertThat(sharedPayloads).containsExactlyInAnyOrderElementsOf(numbered(20));
        assertThat(first.events()).isNotEmpty();
        assertThat(second.events()).isNotEmpty();
        assertThat(other.payloads()).containsExactlyInAnyOrderElementsOf(numbered(20));
    }

    @Test
    void newGroupReportsPossibleLossOnceAndStartsAtTheEnd() throws Exception {
        publish("k", "before-the-group-existed");
        RecordingListener listener = new RecordingListener();
        try (Subscription ignored = signal.subscribe(BrokerClients.newGroup(), listener)) {
            assertThat(listener.possibleLosses()).isEqualTo(1); // subscribe waited until positioned
            publish("k", "after");
            await().atMost(WAIT).until(() -> listener.events().size() == 1);
        }
        assertThat(listener.payloads()).containsExactly("after");
        assertThat(listener.possibleLosses()).isEqualTo(1);
    }

    @Test
    void recordPublishedWhileNoMemberRunsReachesTheNextOne() throws Exception {
        String group = BrokerClients.newGroup();
        RecordingListener first = new RecordingListener();
        signal.subscribe(group, first).close();
        publish("k", "while-closed");
        RecordingListener second = new RecordingListener();
        try (Subscription ignored = signal.subscribe(group, second)) {
            await().atMost(WAIT).until(() -> second.events().size() == 1);
        }
        assertThat(second.payloads()).containsExactly("while-closed");
        assertThat(second.possibleLosses()).isZero();
    }

    @Test
    void groupWhoseCommittedOffsetWasDeletedReportsPossibleLossAndGoesOnFromTheEnd() throws Exception {
        String group = BrokerClients.newGroup();
        TopicPartition partition = new TopicPartition(topic, 0);
        signal.subscribe(group, new RecordingListener()).close(); // commits the start: offset 0
        for (int i = 0; i < 3; i++) {
            CLIENTS.producer().send(new ProducerRecord<>(topic, 0, "k", "deleted-" + i)).get();
        }
        CLIENTS.admin().deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(3))).all().get();

        RecordingListener listener = new RecordingListener();
        try (Subscription ignored = signal.subscribe(group, listener)) {
            await().atMost(WAIT).until(() -> listener.possibleLosses() == 1);
            CLIENTS.producer().send(new ProducerRecord<>(topic, 0, "k", "after")).get();
            await().atMost(WAIT).until(() -> listener.events().size() == 1);
        }
        assertThat(listener.payloads()).containsExactly("after");
        assertThat(listener.possibleLosses()).isEqualTo(1);
    }

    @Test
    void offsetIsCommittedOnlyAfterTheListenerReturned() throws Exception {
        String group = BrokerClients.newGroup();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Subscription ignored = signal.subscribe(group, event -> {
            entered.countDown();
            awaitQuietly(release);
        })) {
            Map<TopicPartition, OffsetAndMetadata> atStart = CLIENTS.committed(group);
            TopicPartition partition = new TopicPartition(topic, 0);
            CLIENTS.producer().send(new ProducerRecord<>(topic, 0, "k", "v")).get();
            assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(CLIENTS.committed(group).get(partition)).isEqualTo(atStart.get(partition));
            release.countDown();
            await().atMost(WAIT).until(() ->
                    CLIENTS.committed(group).get(partition).offset() == atStart.get(partition).offset() + 1);
        }
    }

    @Test
    void unexpectedRuntimeExceptionOfTheConsumerIsRetriedNotTheEndOfItsThread() throws Exception {
        RecordingListener listener = new RecordingListener();
        String group = BrokerClients.newGroup();
        FailingOnceAssignor.arm();
        try (KafkaSignals failingOnce = KafkaSignals.create(Map.of("bootstrap.servers", CLIENTS.broker().bootstrapServers(),
                     "partition.assignment.strategy", FailingOnceAssignor.class.getName()));
             Subscription ignored = failingOnce.topic(topic).subscribe(group, listener)) {
            assertThat(FailingOnceAssignor.armed()).as("the first assignment failed").isFalse();
            publish("k", "after the failure");
            await().atMost(WAIT).until(() -> listener.events().size() == 1);
        }
        assertThat(listener.payloads()).containsExactly("after the failure");
    }

    @Test
    void undecodableRecordIsSkippedAndLaterOnesArrive() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (CapturedLog log = CapturedLog.start();
             KafkaSignals ints = KafkaSignals.create(Map.of("bootstrap.servers", CLIENTS.broker().bootstrapServers(),
                     "value.deserializer", IntegerDeserializer.class));
             KafkaProducer<byte[], byte[]> bytes = CLIENTS.broker().newBytesProducer();
             Subscription ignored = ints.topic(topic).subscribe(BrokerClients.newGroup(), listener)) {
            bytes.send(new ProducerRecord<>(topic, 0, null, new byte[] {1, 2, 3})).get();
            bytes.send(new ProducerRecord<>(topic, 0, null, ByteBuffer.allocate(4).putInt(42).array())).get();
            await().atMost(WAIT).until(() -> listener.events().size() == 1);
            assertThat(listener.payloads()).containsExactly(42);
            assertThat(log.linesContaining("WARN io.regioncache")).singleElement().asString()
                    .contains("skipping the record at offset 0").contains("whose value cannot be decoded");
        }
    }

    @Test
    void closeStopsEveryConsumerThread() throws Exception {
        String group = BrokerClients.newGroup();
        signal.subscribe(new RecordingListener());
        signal.subscribe(group, new RecordingListener());
        Subscription ownerClosed = signal.subscribe(group, new RecordingListener());
        assertThat(ConsumerThreads.of(topic, group)).hasSizeGreaterThanOrEqualTo(3);
        ownerClosed.close();
        ownerClosed.close();
        kafka.close();
        assertThat(ConsumerThreads.of(topic, group)).isEmpty();
    }

    @Test
    void closeInterruptsAListenerThatDoesNotReturn() throws Exception {
        String group = BrokerClients.newGroup();
        CountDownLatch entered = new CountDownLatch(1);
        Subscription stuck = signal.subscribe(group, event -> {
            entered.countDown();
            awaitQuietly(new CountDownLatch(1));
        });
        publish("k", "cut short");
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        stuck.close();
        assertThat(ConsumerThreads.of(topic, group)).isEmpty();

        // Its record was not committed, so the group's next member gets it again.
        RecordingListener next = new RecordingListener();
        try (Subscription ignored = signal.subscribe(group, next)) {
            await().atMost(WAIT).until(() -> next.events().size() == 1);
        }
        assertThat(next.payloads()).containsExactly("cut short");
    }

    @Test
    void listenerMayCloseItsOwnSubscription() throws Exception {
        List<Subscription> self = new ArrayList<>();
        RecordingListener seen = new RecordingListener();
        Subscription subscription = signal.subscribe(event -> {
            seen.onSignal(event);
            self.get(0).close();
        });
        self.add(subscription);
        publish("k", "v");
        await().atMost(WAIT).until(() -> ConsumerThreads.of(topic).isEmpty());
        assertThat(seen.events()).hasSize(1);
    }

    @Test
    void uriMadeSignalReleasesEverythingWhenItsSubscriptionCloses() throws Exception {
        Signal fromUri = Signals.of("kafka://" + CLIENTS.broker().bootstrapServers() + "/" + topic);
        RecordingListener listener = new RecordingListener();
        String group = BrokerClients.newGroup();
        try (Subscription ignored = fromUri.subscribe(group, listener)) {
            publish("k", "via-uri");
            await().atMost(WAIT).until(() -> listener.events().size() == 1);
        }
        assertThat(ConsumerThreads.of(topic, group)).isEmpty();
    }

    private void publish(String key, String value) {
        CLIENTS.broker().publish(topic, key, value);
    }

    private void publishNumbered(int count) {
        for (String value : numbered(count)) {
            CLIENTS.broker().publish(topic, value, value);
        }
    }

    private static List<String> numbered(int count) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add("record-" + i);
        }
        return values;
    }


    private boolean eachMemberOwnsOnePartition(String group) throws Exception {
        var members = CLIENTS.admin().describeConsumerGroups(Set.of(group)).all().get().get(group).members();
        return members.size() == 2 && members.stream().allMatch(m -> m.assignment().topicPartitions().size() == 1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.regioncache.signals.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.signals.Signal;
import io.regioncache.signals.Signals;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.CapturedLog;
import io.regioncache.testsupport.EmbeddedKafkaBroker;
import io.regioncache.testsupport.QuietLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A broker that is absent, down at start, or restarted under running subscriptions. */
@ExtendWith(QuietLog.class)
class BrokerFailureIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private EmbeddedKafkaBroker broker;
    private final String topic = EmbeddedKafkaBroker.uniqueTopic("failure-it");
    private final String group = "group-" + UUID.randomUUID();

    @BeforeEach
    void startPrivateBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterEach
    void stopPrivateBroker() {
        broker.close();
    }

    @Test
    void unreachableBrokerIsReportedOnceAfterTheSubscribeTimeoutAndRetriedInTheBackground() throws IOException {
        String nobody = "127.0.0.1:" + unusedPort();
        try (CapturedLog log = CapturedLog.start()) {
            Signal signal = Signals.of("kafka://" + nobody + "/" + topic + "?region-cache.subscribe.timeout.ms=500");
            long start = System.nanoTime();
            Subscription grouped = signal.subscribe(group, new RecordingListener());
            Subscription ungrouped = signal.subscribe(new RecordingListener());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(ConsumerThreads.of(topic, group)).isNotEmpty();

            // Longer than the consumers' own 5 s request timeout, so that their failures have happened too.
            await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(log.linesContaining(" WARN io.regioncache")).as("one warning per subscription")
                            .hasSize(2).allSatisfy(line -> assertThat(line)
                                    .contains("Kafka broker unreachable at " + nobody + " (no connection within 500 ms)")));
            assertThat(log.text()).doesNotContain("\tat ");
            grouped.close();
            ungrouped.close();
        }
        assertThat(ConsumerThreads.of(topic, group)).isEmpty();
    }

    @Test
    void brokerDownAtStartIsWaitedFor() throws Exception {
        broker.stop();
        RecordingListener grouped = new RecordingListener();
        RecordingListener ungrouped = new RecordingListener();
        try (KafkaSignals kafka = KafkaSignals.create(Map.of("bootstrap.servers", broker.bootstrapServers(),
                     KafkaSignals.SUBSCRIBE_TIMEOUT_CONFIG, 300));
             Subscription g = kafka.topic(topic).subscribe(group, grouped);
             Subscription u = kafka.topic(topic).subscribe(ungrouped)) {
            broker.restart();
            // Both started reading after subscribe returned, so both report it before reading.
            await().atMost(WAIT).until(() -> grouped.possibleLosses() == 1 && ungrouped.possibleLosses() == 1);
            broker.publish(topic, "k", "after-start");
            await().atMost(WAIT).until(() -> grouped.events().size() == 1 && ungrouped.events().size() == 1);
        }
        assertThat(grouped.payloads()).containsExactly("after-start");
        assertThat(ungrouped.payloads()).containsExactly("after-start");
    }

    @Test
    void restartLosesNoRecordPublishedBeforeDuringOrAfterIt() throws Exception {
        RecordingListener grouped = new RecordingListener();
        RecordingListener ungrouped = new RecordingListener();
        try (KafkaSignals kafka = KafkaSignals.create(broker.bootstrapServers());
             Subscription g = kafka.topic(topic).subscribe(group, grouped);
             Subscription u = kafka.topic(topic).subscribe(ungrouped)) {
            broker.publish(topic, "before", "before");
            await().atMost(WAIT).until(() -> grouped.events().size() == 1 && ungrouped.events().size() == 1);
            broker.restartWhilePublishing(topic, "during-1", "during-2");
            broker.publish(topic, "after", "after");

            await().atMost(WAIT).until(() -> grouped.events().size() >= 4 && ungrouped.events().size() >= 4);
        }
        List<String> all = List.of("before", "during-1", "during-2", "after");
        assertThat(grouped.payloads()).containsAll(all);
        assertThat(ungrouped.payloads()).containsAll(all);
        assertThat(ConsumerThreads.of(topic, group)).isEmpty();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

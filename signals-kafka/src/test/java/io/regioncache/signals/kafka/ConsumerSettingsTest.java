package io.regioncache.signals.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The consumer properties each subscription gets from the user's settings. */
class ConsumerSettingsTest {

    @Test
    void defaultsGiveStringsLowLatencyAndManualCommits() {
        ConsumerSettings settings = ConsumerSettings.of(Map.of("bootstrap.servers", "127.0.0.1:9092"));

        Map<String, Object> group = settings.forGroup("g", "region-cache-kafka-orders-1");

        assertThat(group).containsEntry("group.id", "g")
                .containsEntry("client.id", "region-cache-kafka-orders-1")
                .containsEntry("key.deserializer", StringDeserializer.class)
                .containsEntry("value.deserializer", StringDeserializer.class)
                .containsEntry("fetch.max.wait.ms", 100)
                .containsEntry("reconnect.backoff.ms", 1_000)
                .containsEntry("reconnect.backoff.max.ms", 10_000)
                .containsEntry("enable.auto.commit", false)
                .containsEntry("auto.offset.reset", "none");
        assertThat(settings.forBroadcast("region-cache-kafka-orders-2")).doesNotContainKey("group.id");
        assertThat(settings.subscribeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxInFlight()).isEqualTo(1000);
        assertThat(settings.redelivery()).isEqualTo(new Redelivery(12, Duration.ofMillis(100)));
    }

    @Test
    void redeliveryBacksOffFromItsFirstWaitDoublingUpToFiveSecondsForAboutThirtySeconds() {
        Redelivery redelivery = ConsumerSettings.of(Map.of("bootstrap.servers", "127.0.0.1:9092")).redelivery();

        assertThat(redelivery.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(redelivery.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        // Kafka's ExponentialBackoff approaches its cap in floating point: 4,999 ms rather than 5 s.
        assertThat(redelivery.backoffAfter(7)).isBetween(Duration.ofMillis(4_900), Duration.ofSeconds(5));
        assertThat(redelivery.backoffAfter(20)).isLessThanOrEqualTo(Duration.ofSeconds(5));
        Duration total = Duration.ZERO;
        for (int failed = 1; failed < redelivery.attempts(); failed++) {
            total = total.plus(redelivery.backoffAfter(failed));
        }
        assertThat(total).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(35));
    }

    @Test
    void redeliverySettingsAreCheckedAndStayOutOfKafka() {
        ConsumerSettings settings = ConsumerSettings.of(Map.of("bootstrap.servers", "127.0.0.1:9092",
                KafkaSignals.REDELIVERY_ATTEMPTS_CONFIG, "3", KafkaSignals.REDELIVERY_BACKOFF_CONFIG, 10,
                KafkaSignals.MAX_IN_FLIGHT_CONFIG, 7));

        assertThat(settings.redelivery()).isEqualTo(new Redelivery(3, Duration.ofMillis(10)));
        assertThat(settings.maxInFlight()).isEqualTo(7);
        assertThat(settings.forBroadcast("c")).doesNotContainKeys(KafkaSignals.REDELIVERY_ATTEMPTS_CONFIG,
                KafkaSignals.REDELIVERY_BACKOFF_CONFIG, KafkaSignals.MAX_IN_FLIGHT_CONFIG);
        assertThatThrownBy(() -> ConsumerSettings.of(Map.of("bootstrap.servers", "127.0.0.1:9092",
                KafkaSignals.REDELIVERY_ATTEMPTS_CONFIG, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(KafkaSignals.REDELIVERY_ATTEMPTS_CONFIG).hasMessageContaining("0");
        assertThatThrownBy(() -> ConsumerSettings.of(Map.of("bootstrap.servers", "127.0.0.1:9092",
                KafkaSignals.REDELIVERY_BACKOFF_CONFIG, "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(KafkaSignals.REDELIVERY_BACKOFF_CONFIG).hasMessageContaining("soon");
    }

    @Test
    void userSettingsWinAndTheAdaptersOwnSettingStaysOutOfKafka() {
        ConsumerSettings settings = ConsumerSettings.of(Map.of(
                "bootstrap.servers", "127.0.0.1:9092",
                "value.deserializer", IntegerDeserializer.class,
                "fetch.max.wait.ms", 5,
                "client.id", "billing",
                KafkaSignals.SUBSCRIBE_TIMEOUT_CONFIG, "250"));

        Map<String, Object> broadcast = settings.forBroadcast("region-cache-kafka-orders-3");

        assertThat(broadcast).containsEntry("value.deserializer", IntegerDeserializer.class)
                .containsEntry("fetch.max.wait.ms", 5)
                .containsEntry("client.id", "billing-region-cache-kafka-orders-3")
                .doesNotContainKey(KafkaSignals.SUBSCRIBE_TIMEOUT_CONFIG);
        assertThat(settings.subscribeTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    }
}

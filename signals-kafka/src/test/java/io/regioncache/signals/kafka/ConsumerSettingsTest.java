package io.regioncache.signals.kafka;

import static org.assertj.core.api.Assertions.assertThat;

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
                .containsEntry("enable.auto.commit", false)
                .containsEntry("auto.offset.reset", "none");
        assertThat(settings.forBroadcast("region-cache-kafka-orders-2")).doesNotContainKey("group.id");
        assertThat(settings.subscribeTimeout()).isEqualTo(Duration.ofSeconds(10));
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

package io.regioncache.signals.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regioncache.signals.Signal;
import io.regioncache.signals.Signals;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What needs no broker: names, URIs and the errors bad input gets. */
class KafkaSignalsTest {

    private static final String LOOPBACK = "127.0.0.1:9092";

    @Test
    void topicSignalIsNamedAfterItsTopic() {
        try (KafkaSignals kafka = KafkaSignals.create(LOOPBACK)) {
            assertThat(kafka.topic("orders").name()).isEqualTo("kafka:orders");
            assertThat(kafka.topic("a.b_c-9").name()).isEqualTo("kafka:a.b_c-9");
        }
    }

    @Test
    void illegalTopicNamesAreRejectedByName() {
        try (KafkaSignals kafka = KafkaSignals.create(LOOPBACK)) {
            assertThatThrownBy(() -> kafka.topic(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("topic");
            assertThatThrownBy(() -> kafka.topic("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("''");
            assertThatThrownBy(() -> kafka.topic("has space")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'has space'");
            assertThatThrownBy(() -> kafka.topic("..")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> kafka.topic("x".repeat(250))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void blankGroupAndNullListenerAreRejected() {
        try (KafkaSignals kafka = KafkaSignals.create(LOOPBACK)) {
            Signal signal = kafka.topic("orders");
            assertThatThrownBy(() -> signal.subscribe(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> signal.subscribe(null, e -> { })).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> signal.subscribe("g", null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> signal.subscribe(" ", e -> { })).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("' '");
        }
    }

    @Test
    void badBootstrapServersAreRejectedAtCreate() {
        assertThatThrownBy(() -> KafkaSignals.create((String) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> KafkaSignals.create(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> KafkaSignals.create("no-port")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-port");
        assertThatThrownBy(() -> KafkaSignals.create("no-such-host.invalid:9092"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void settingsTheAdapterOwnsAreRejected() {
        for (String owned : new String[] {"group.id", "enable.auto.commit", "auto.offset.reset"}) {
            Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", LOOPBACK, owned, "x"));
            assertThatThrownBy(() -> KafkaSignals.create(config)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(owned);
        }
        assertThatThrownBy(() -> KafkaSignals.create(Map.of("fetch.max.wait.ms", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap.servers");
    }

    @Test
    void invalidKafkaSettingsAreRejectedByName() {
        assertThatThrownBy(() -> KafkaSignals.create(Map.of("bootstrap.servers", LOOPBACK, "fetch.max.wait.ms", "soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fetch.max.wait.ms");
        assertThatThrownBy(() -> KafkaSignals.create(Map.of("bootstrap.servers", LOOPBACK,
                KafkaSignals.SUBSCRIBE_TIMEOUT_CONFIG, "later")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(KafkaSignals.SUBSCRIBE_TIMEOUT_CONFIG);
        assertThatThrownBy(() -> KafkaSignals.create(Map.of("bootstrap.servers", LOOPBACK,
                KafkaSignals.SUBSCRIBE_TIMEOUT_CONFIG, -1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void closedInstanceRefusesNewTopics() {
        KafkaSignals kafka = KafkaSignals.create(LOOPBACK);
        Signal signal = kafka.topic("orders");
        kafka.close();
        kafka.close();
        assertThatThrownBy(() -> kafka.topic("orders")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> signal.subscribe(e -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void uriNamesHostsAndTopic() {
        assertThat(Signals.of("kafka://127.0.0.1:9092/orders").name()).isEqualTo("kafka:orders");
        assertThat(Signals.of("kafka://127.0.0.1:9092,localhost:9093/orders").name()).isEqualTo("kafka:orders");
        assertThat(Signals.of("kafka://127.0.0.1:9092/orders")).hasToString("KafkaSignal[kafka:orders at 127.0.0.1:9092]");
    }

    @Test
    void uriQueryTakesTheAdaptersOwnSettingsAndChecksThem() {
        assertThat(Signals.of("kafka://127.0.0.1:9092/orders?region-cache.subscribe.timeout.ms=2000"
                + "&region-cache.max.in.flight=10").name()).isEqualTo("kafka:orders");
        assertThatThrownBy(() -> Signals.of("kafka://127.0.0.1:9092/orders?region-cache.subscribe.timeout.ms=soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region-cache.subscribe.timeout.ms").hasMessageContaining("soon");
        assertThatThrownBy(() -> Signals.of("kafka://127.0.0.1:9092/orders?fetch.max.wait.ms=5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region-cache.subscribe.timeout.ms")
                .hasMessageContaining("KafkaSignals.create(Map)");
    }

    @Test
    void malformedUrisAreRejected() {
        assertThatThrownBy(() -> Signals.of("kafka:orders")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafka://HOST:PORT");
        assertThatThrownBy(() -> Signals.of("kafka://127.0.0.1:9092")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one topic");
        assertThatThrownBy(() -> Signals.of("kafka://127.0.0.1:9092/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Signals.of("kafka://127.0.0.1:9092/a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Signals.of("kafka://127.0.0.1:9092/orders?x=1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Signals.of("kafka://127.0.0.1/orders")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsInUrisAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> Signals.of("kafka://user:s3cret@127.0.0.1:9092/orders"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no credentials")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void secretsInQueriesAndFragmentsAreNeverEchoed() {
        String jaas = "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule%20required"
                + "%20username%3D%22app%22%20password%3D%22s3cret%22%3B";
        for (String uri : new String[] {
                "kafka://127.0.0.1:9092/orders?" + jaas,
                "kafka://127.0.0.1:9092/orders#" + jaas,
                "kafka://127.0.0.1:9092/orders/extra?" + jaas,
                "kafka://127.0.0.1:9092?" + jaas}) {
            assertThatThrownBy(() -> Signals.of(uri)).as(uri).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("kafka://127.0.0.1:9092")
                    .hasMessageNotContaining("s3cret")
                    .hasMessageNotContaining("password");
        }
    }
}

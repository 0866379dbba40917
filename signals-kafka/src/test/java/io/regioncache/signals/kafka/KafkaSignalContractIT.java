package io.regioncache.signals.kafka;

import io.regioncache.signals.Signal;
import io.regioncache.signals.tck.SignalContract;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Kafka topic signals keep the signal contract, on the embedded broker. */
class KafkaSignalContractIT extends SignalContract {

    private static EmbeddedKafkaBroker broker;
    private static KafkaProducer<String, String> producer;
    private static Admin admin;

    private KafkaSignals signals;
    private String topic;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.shared();
        producer = broker.newProducer();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void closeClients() {
        producer.close();
        admin.close();
    }

    @Override
    protected Signal createSignal() throws Exception {
        topic = EmbeddedKafkaBroker.uniqueTopic("contract");
        // Two partitions, so that two members of a group really share the records.
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        signals = KafkaSignals.create(broker.bootstrapServers());
        return signals.topic(topic);
    }

    @Override
    protected void publish(String key, String payload) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, payload)).get();
    }

    @Override
    protected void closeTransport() {
        signals.close();
    }

    @Override
    protected boolean isTransportThread(Thread thread) {
        return thread.getName().startsWith("region-cache-kafka-")
                || thread.getName().startsWith("kafka-coordinator-heartbeat-thread | signals-tck");
    }

    @Override
    protected boolean startsThreads() {
        return true;
    }

    @Override
    protected boolean supportsSharedGroups() {
        return true;
    }
}

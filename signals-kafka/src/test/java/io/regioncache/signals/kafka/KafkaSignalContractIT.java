package io.regioncache.signals.kafka;

import io.regioncache.signals.Signal;
import io.regioncache.signals.tck.SignalContract;
import java.util.Map;

/** Kafka topic signals keep the signal contract, on the embedded broker. */
class KafkaSignalContractIT extends SignalContract {

    private final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
    private KafkaSignals signals;
    private String topic;

    @Override
    protected Signal createSignal() {
        // Two partitions, so that two members of a group really share the records.
        topic = broker.createTopic("contract", 2);
        signals = KafkaSignals.create(consumerConfig(broker.bootstrapServers()));
        return signals.topic(topic);
    }

    /** The consumer settings under test; a subclass changes them. */
    Map<String, Object> consumerConfig(String bootstrapServers) {
        return Map.of("bootstrap.servers", bootstrapServers);
    }

    @Override
    protected void publish(String key, String payload) {
        broker.publish(topic, key, payload);
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

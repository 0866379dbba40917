package io.regioncache.signals.kafka;

import io.regioncache.signals.Signal;
import io.regioncache.signals.tck.AcknowledgingSignalContract;
import io.regioncache.testsupport.EmbeddedKafkaBroker;
import io.regioncache.testsupport.QuietLog;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kafka topic signals keep the contract of acknowledging signals, on the embedded broker. */
@ExtendWith(QuietLog.class)
class KafkaSignalContractIT extends AcknowledgingSignalContract {

    private final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
    private KafkaSignals signals;
    private String topic;

    @Override
    protected Signal createSignal() {
        // Two partitions, so that two members of a group really share the records.
        topic = broker.createTopic("contract", 2);
        signals = KafkaSignals.create(config());
        return signals.topic(topic);
    }

    /** The consumer settings under test; a subclass changes them. */
    Map<String, Object> consumerConfig(String bootstrapServers) {
        return Map.of("bootstrap.servers", bootstrapServers);
    }

    /**
     * The adapter's settings, with redelivery cut short: the contract's always-throwing listener
     * gets each record again, and with the default bound (about 30 s per record) its three records
     * would outlast the contract's delivery timeout.
     */
    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>(consumerConfig(broker.bootstrapServers()));
        config.put(KafkaSignals.REDELIVERY_ATTEMPTS_CONFIG, 3);
        config.put(KafkaSignals.REDELIVERY_BACKOFF_CONFIG, 10);
        return config;
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

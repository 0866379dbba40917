package io.regioncache.signals.kafka;

import java.util.Map;

/**
 * The signal contract again with Kafka's newer consumer group protocol (KIP-848,
 * {@code group.protocol=consumer}), where the broker assigns partitions.
 */
class ConsumerProtocolSignalContractIT extends KafkaSignalContractIT {

    @Override
    Map<String, Object> consumerConfig(String bootstrapServers) {
        return Map.of("bootstrap.servers", bootstrapServers, "group.protocol", "consumer");
    }

    @Override
    protected boolean isTransportThread(Thread thread) {
        // The newer protocol's consumer runs a background thread of Kafka's own per consumer.
        return super.isTransportThread(thread) || thread.getName().startsWith("consumer_background_thread");
    }
}

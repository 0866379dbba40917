package io.regioncache.signals.kafka;

import io.regioncache.testsupport.EmbeddedKafkaBroker;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared embedded broker plus an admin client and a producer for one test class, opened before
 * its tests and closed after them. Register it as a static field with {@code @RegisterExtension}.
 */
final class BrokerClients implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafkaBroker broker;
    private Admin admin;
    private KafkaProducer<String, String> producer;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedKafkaBroker.shared();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        producer = broker.newProducer(); // for records sent to a chosen partition
    }

    @Override
    public void afterAll(ExtensionContext context) {
        admin.close();
        producer.close();
    }

    EmbeddedKafkaBroker broker() {
        return broker;
    }

    Admin admin() {
        return admin;
    }

    KafkaProducer<String, String> producer() {
        return producer;
    }

    /** The offsets {@code group} has committed, as the broker reports them now. */
    Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the offsets of " + group, e);
        }
    }

    /** A consumer group name no other test uses. */
    static String newGroup() {
        return "group-" + UUID.randomUUID();
    }
}

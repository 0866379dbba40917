package io.regioncache.benchmarks;

import io.regioncache.signals.Signal;
import io.regioncache.signals.kafka.KafkaSignals;
import io.regioncache.testsupport.EmbeddedKafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A topic on a single-node KRaft broker started inside the benchmark JVM (test-support's
 * EmbeddedKafkaBroker: loopback only). Records are sent with {@code linger.ms=0} and {@code acks=all}, without
 * waiting for the ack.
 */
final class KafkaSignalSource implements SignalSource {

    private final EmbeddedKafkaBroker broker;
    private final KafkaProducer<String, String> producer;
    private final KafkaSignals signals;
    private final String topic = EmbeddedKafkaBroker.uniqueTopic("bench-signal");
    private final Signal signal;

    KafkaSignalSource() {
        broker = EmbeddedKafkaBroker.start();
        try {
            createTopic();
            producer = broker.newProducer();
            signals = KafkaSignals.create(broker.bootstrapServers());
            signal = signals.topic(topic);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    @Override
    public Signal signal() {
        return signal;
    }

    @Override
    public void fire() {
        producer.send(new ProducerRecord<>(topic, "key", "changed"));
    }

    @Override
    public void close() {
        try (broker; producer; signals) {
            // closes the subscriptions' consumers, then the producer, then the broker
        }
    }

    private void createTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topic " + topic + " on " + broker, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }
}

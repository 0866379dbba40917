package io.regioncache.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node KRaft Kafka (broker and controller in one) inside the test JVM, listening on
 * free loopback ports only (see docs/design.md, "Tests"). {@link #shared()} starts one per test JVM; {@link #start()}
 * gives a private one for tests that {@link #stop()} and {@link #restart()} it, which keeps its
 * ports and its data.
 *
 * <p>A module that uses it declares {@code org.apache.kafka:kafka_2.13} itself: this module keeps
 * that dependency optional, so that the tests of modules without Kafka do not carry the broker.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static EmbeddedKafkaBroker shared;

    private final int brokerPort;
    private final int controllerPort;
    private final Path logDir;
    private KafkaRaftServer server;
    private KafkaProducer<String, String> producer;

    private EmbeddedKafkaBroker(int brokerPort, int controllerPort, Path logDir) {
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
    }

    /** The broker every test class of this JVM shares; started on first use, stopped at JVM exit. */
    public static synchronized EmbeddedKafkaBroker shared() {
        if (shared == null) {
            EmbeddedKafkaBroker broker = start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-shutdown"));
            shared = broker;
        }
        return shared;
    }

    /** Formats a fresh log directory and starts a private broker on new free ports. */
    public static EmbeddedKafkaBroker start() {
        try {
            Path logDir = Files.createTempDirectory("embedded-kafka");
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(freePort(), freePort(), logDir);
            broker.format();
            broker.restart();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare an embedded Kafka broker", e);
        }
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Starts the broker again after {@link #stop()}, on the same ports and with the same data. */
    public synchronized void restart() {
        if (server != null) {
            throw new IllegalStateException("The embedded Kafka broker on port " + brokerPort + " is running");
        }
        KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(serverProperties()), Time.SYSTEM);
        starting.startup();
        server = starting;
    }

    /** Stops the broker and waits until it is down; its ports and data are kept for {@link #restart()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /** Stops the broker, closes the producer it made for {@link #publish} and deletes its data. */
    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
        stop();
        try (Stream<Path> files = Files.walk(logDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the embedded Kafka log directory " + logDir, e);
        }
    }

    /**
     * Creates a topic no other test uses, named {@code prefix-<uuid>}, and returns its name once
     * the broker has it.
     */
    public String createTopic(String prefix, int partitions) {
        String topic = uniqueTopic(prefix);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create topic " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
        return topic;
    }

    /** Publishes one record and waits for the broker's ack, through a producer this broker keeps. */
    public void publish(String topic, String key, String value) {
        awaitAcks(topic, List.of(producer().send(new ProducerRecord<>(topic, key, value))));
    }

    /**
     * Publishes one record per key (the key is also the value), all sent before the first ack is
     * awaited, and returns once the broker has acknowledged them all.
     */
    public void publishAll(String topic, List<String> keys) {
        KafkaProducer<String, String> publisher = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (String key : keys) {
            acks.add(publisher.send(new ProducerRecord<>(topic, key, key)));
        }
        awaitAcks(topic, acks);
    }

    /**
     * Stops the broker, publishes one record per key (the key is also the value) while it is down,
     * starts it again and returns once the broker has acknowledged them all. The records are sent
     * from another thread, as {@code send} may block until the broker is back.
     */
    public void restartWhilePublishing(String topic, String... keys) {
        KafkaProducer<String, String> publisher = producer();
        stop();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch sending = new CountDownLatch(1);
            Future<?> sent = sender.submit(() -> {
                sending.countDown();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                for (String key : keys) {
                    acks.add(publisher.send(new ProducerRecord<>(topic, key, key)));
                }
                awaitAcks(topic, acks);
            });
            sending.await();
            restart();
            sent.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot publish to " + topic + " across a restart", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing to " + topic, e);
        } finally {
            sender.shutdownNow();
        }
    }

    /** A topic name no other test uses: {@code prefix-<uuid>}. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = newProducer();
        }
        return producer;
    }

    private static void awaitAcks(String topic, List<Future<RecordMetadata>> acks) {
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot publish to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing to " + topic, e);
        }
    }

    /** A producer of String keys and values, sending each record at once and waiting for the broker's ack. */
    public KafkaProducer<String, String> newProducer() {
        return new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
    }

    /** A producer of raw bytes, for records no String deserializer would produce. */
    public KafkaProducer<byte[], byte[]> newBytesProducer() {
        return new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                // Kafka 4 lingers 5 ms by default; tests and latency measurements want each record sent now.
                ProducerConfig.LINGER_MS_CONFIG, 0);
    }

    private void format() {
        KafkaConfig config = KafkaConfig.fromProps(serverProperties());
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName("CONTROLLER")
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the embedded Kafka log directory " + logDir, e);
        }
    }

    private Properties serverProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", " + logDir + "]";
    }
}

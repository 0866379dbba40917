package io.regioncache.signals.kafka;

import io.regioncache.signals.Signal;
import io.regioncache.signals.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka topics as {@link Signal}s, so that regions can be bound to them.
 *
 * <pre>{@code
 * try (KafkaSignals kafka = KafkaSignals.create("127.0.0.1:9092")) {
 *     Subscription binding = region.invalidateOn(kafka.topic("orders"));
 *     ...
 * }
 * }</pre>
 *
 * <p>Each subscription to a topic is a Kafka consumer of its own, polled by a thread of its own
 * (named {@code region-cache-kafka-<topic>-<n>}) that hands each record to the listener's
 * {@link io.regioncache.signals.SignalListener#onSignalAsync onSignalAsync} and goes on polling
 * without waiting for the returned stage:
 * <ul>
 *   <li>{@link Signal#subscribe(String, io.regioncache.signals.SignalListener) subscribe(group, listener)}
 *       joins the consumer group {@code group}: its members, in any process, share the records, and
 *       an offset is committed only once the stages of its record and of every record before it in
 *       its partition have completed normally (at-least-once), so a record published while no
 *       member runs reaches the next one to start. A partition with
 *       {@value #MAX_IN_FLIGHT_CONFIG} records waiting (1000 unless configured) is paused until
 *       they complete. A group with no committed offset calls
 *       {@link io.regioncache.signals.SignalListener#onPossibleLossAsync(String) onPossibleLossAsync}
 *       once and starts at the end of the topic.</li>
 *   <li>{@link Signal#subscribe(io.regioncache.signals.SignalListener) subscribe(listener)} joins no
 *       group: it reads every partition from its end on, so every such subscription sees every
 *       record published after it started; it commits nothing.</li>
 * </ul>
 * {@code subscribe} waits until its consumer knows where it starts reading, at most
 * {@value #SUBSCRIBE_TIMEOUT_CONFIG} (5 seconds unless configured); after that it returns and logs
 * one warning that says whether the broker could not be reached at all, and the consumer keeps
 * retrying in the background (an INFO line says when it got through). A broker that is down or
 * restarts is retried, never an exception to the application, with one warning per outage from
 * this library; Kafka's client retries an unreachable broker after 1 s, doubling up to 10 s by
 * default ({@code reconnect.backoff.ms}, {@code reconnect.backoff.max.ms}), and warns on each
 * attempt through its logger
 * {@code org.apache.kafka.clients.NetworkClient}, which an application may set to ERROR.
 *
 * <p>Record keys and values reach listeners as {@link io.regioncache.signals.SignalEvent#key()}
 * and {@link io.regioncache.signals.SignalEvent#payload()}, Strings unless other deserializers are
 * configured (a key that is not a String is passed through {@code toString()}). A record that the
 * deserializers reject is logged and skipped.
 *
 * <p>A record whose stage completes exceptionally (or whose listener throws) has not been handled:
 * the subscription delivers it again after a backoff (100 ms doubling to 5 s), without committing
 * past it, up to {@value #REDELIVERY_ATTEMPTS_CONFIG} deliveries in all (12 unless configured:
 * about 30 seconds). Then it logs an error and moves on, so that a listener with a bug does not
 * hold the partition for ever. Later records are delivered meanwhile, and committed only once the
 * failing one is settled. A run of failures is logged once at WARN, then at DEBUG until a delivery
 * succeeds. A possible loss whose stage fails is reported again the same way, and a new group's
 * start position is committed only once it has been handled (or the attempts ran out).
 *
 * <p>An instance holds no connection of its own: each subscription owns its consumer and thread
 * and releases them when it is closed. {@link #close()} closes every subscription still open.
 * Thread-safe.
 */
public final class KafkaSignals implements AutoCloseable {

    /**
     * A setting of {@link #create(Map)}, not passed to Kafka: how many milliseconds {@code subscribe}
     * waits for its consumer to know where it starts reading (default 5000; 0 does not wait). Also
     * accepted in a {@code kafka://} URI's query.
     */
    public static final String SUBSCRIBE_TIMEOUT_CONFIG = "region-cache.subscribe.timeout.ms";

    /**
     * A setting of {@link #create(Map)}, not passed to Kafka: how many records of one partition may
     * be handed to the listener and wait for their stages (or wait behind one whose stage has not
     * completed) before the partition is paused (default 1000).
     */
    public static final String MAX_IN_FLIGHT_CONFIG = "region-cache.max.in.flight";

    /**
     * A setting of {@link #create(Map)}, not passed to Kafka: how many times in all a record (or a
     * possible loss) is delivered to a listener that keeps throwing before the subscription logs an
     * error and moves on (default 12, about 30 seconds with the default backoff; 1 never delivers
     * again).
     */
    public static final String REDELIVERY_ATTEMPTS_CONFIG = "region-cache.redelivery.attempts";

    /**
     * A setting of {@link #create(Map)}, not passed to Kafka: how many milliseconds the subscription
     * waits before delivering again a record whose listener threw (default 100); the wait doubles
     * with each further failure, up to 5 seconds.
     */
    public static final String REDELIVERY_BACKOFF_CONFIG = "region-cache.redelivery.backoff.ms";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSignals.class);

    /** Kafka's rule for topic names. */
    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final ConsumerSettings settings;
    private final Set<TopicConsumer> consumers = new HashSet<>();
    private boolean closed;

    private KafkaSignals(ConsumerSettings settings) {
        this.settings = settings;
    }

    /**
     * Signals of the Kafka cluster at {@code bootstrapServers}, with the default consumer settings.
     *
     * @param bootstrapServers {@code HOST:PORT[,HOST:PORT...]}
     * @return signals of that cluster, holding no connection until a subscription opens one
     * @throws NullPointerException     if {@code bootstrapServers} is null
     * @throws IllegalArgumentException if it is blank, malformed, or names a host that cannot be resolved
     */
    public static KafkaSignals create(String bootstrapServers) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        return create(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * Signals of the Kafka cluster that {@code consumerConfig} describes. It takes any Kafka
     * consumer setting (security, deserializers, timeouts...), {@link #SUBSCRIBE_TIMEOUT_CONFIG},
     * {@link #MAX_IN_FLIGHT_CONFIG}, {@link #REDELIVERY_ATTEMPTS_CONFIG} and
     * {@link #REDELIVERY_BACKOFF_CONFIG}; it needs {@code bootstrap.servers}. Defaults: String key
     * and value deserializers, {@code fetch.max.wait.ms=100}, {@code reconnect.backoff.ms=1000},
     * {@code reconnect.backoff.max.ms=10000}. The adapter owns {@code group.id} (given per subscription),
     * {@code enable.auto.commit} and {@code auto.offset.reset}, which must not be set. The map is
     * copied.
     *
     * @param consumerConfig Kafka consumer settings, with {@code bootstrap.servers}
     * @return signals of that cluster, holding no connection until a subscription opens one
     * @throws NullPointerException     if {@code consumerConfig} or one of its keys is null
     * @throws IllegalArgumentException if a setting is missing, invalid or owned by the adapter,
     *                                  naming it
     */
    public static KafkaSignals create(Map<String, Object> consumerConfig) {
        Objects.requireNonNull(consumerConfig, "consumerConfig");
        return new KafkaSignals(ConsumerSettings.of(consumerConfig));
    }

    /**
     * The signal of one topic, named {@code "kafka:<topic>"}. The topic need not exist yet (a
     * broker that creates topics on demand creates it when it is first subscribed to).
     *
     * @param topic the topic's name
     * @return a signal whose subscriptions consume {@code topic}
     * @throws NullPointerException     if {@code topic} is null
     * @throws IllegalArgumentException if {@code topic} is not a legal Kafka topic name (empty, longer
     *                                  than 249 characters, "." or "..", or a character outside
     *                                  {@code [a-zA-Z0-9._-]})
     * @throws IllegalStateException    if this instance is closed
     */
    public Signal topic(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (!LEGAL_TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("Not a legal Kafka topic name: '" + topic
                    + "' (1 to 249 characters of [a-zA-Z0-9._-], not \".\" or \"..\")");
        }
        synchronized (consumers) {
            if (closed) {
                throw new IllegalStateException("KafkaSignals is closed");
            }
        }
        return new KafkaTopicSignal(this, topic);
    }

    /**
     * Closes every subscription made through this instance that is still open, and waits for
     * their threads to end: each commits what its listener has handled and leaves its group.
     * Later {@link #topic(String)} and {@code subscribe} calls throw IllegalStateException.
     * Idempotent.
     */
    @Override
    public void close() {
        List<TopicConsumer> open;
        synchronized (consumers) {
            closed = true;
            open = new ArrayList<>(consumers);
        }
        // Ask all at once, then wait: closing takes as long as the slowest, not the sum.
        open.forEach(TopicConsumer::requestClose);
        open.forEach(TopicConsumer::awaitClosed);
    }

    ConsumerSettings settings() {
        return settings;
    }

    /** Registers and starts a subscription, then waits until it knows where it starts reading. */
    Subscription start(TopicConsumer consumer) {
        synchronized (consumers) {
            if (closed) {
                consumer.closeUnstarted();
                throw new IllegalStateException("KafkaSignals is closed");
            }
            consumers.add(consumer);
            consumer.startThread();
        }
        Duration timeout = settings.subscribeTimeout();
        if (!consumer.awaitPositioned(timeout) && !timeout.isZero() && consumer.claimOutageWarning()) {
            if (consumer.everConnected()) {
                LOG.warn("{}: the broker answers but gave the subscription no start position within {} ms; it keeps "
                        + "trying in the background and reports a possible loss once it starts", consumer.description,
                        timeout.toMillis());
            } else {
                LOG.warn("{}: Kafka broker unreachable at {} (no connection within {} ms); the subscription keeps "
                        + "trying in the background, logs when it gets through, and then reports a possible loss",
                        consumer.description, settings.bootstrapServers(), timeout.toMillis());
            }
        }
        return consumer;
    }

    /** Called by a subscription's thread as it ends. */
    void forget(TopicConsumer consumer) {
        synchronized (consumers) {
            consumers.remove(consumer);
        }
    }

    @Override
    public String toString() {
        return "KafkaSignals[" + settings.bootstrapServers() + "]";
    }
}

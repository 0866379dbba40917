package io.regioncache.signals.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The validated consumer configuration of one {@link KafkaSignals}, from which each subscription
 * gets its own consumer's properties.
 */
final class ConsumerSettings {

    static final Duration DEFAULT_SUBSCRIBE_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_MAX_IN_FLIGHT = 1000;
    /**
     * Kafka retries an unreachable broker after this, doubling up to {@link #RECONNECT_BACKOFF_MAX_MS},
     * and logs two warnings per attempt; its defaults (50 ms up to 1 s) fill a log with two warnings
     * a second. From 1 s up to 10 s, a dead broker costs a few lines a minute, and a broker that
     * comes back is reached within 10 s.
     */
    private static final int RECONNECT_BACKOFF_MS = 1_000;
    private static final int RECONNECT_BACKOFF_MAX_MS = 10_000;

    /**
     * A parked fetch is answered as soon as a record arrives, whatever this wait; a short wait
     * bounds the delay in the cases where the broker answers only when it runs out (a partition
     * moved, a fetch session reset) for the price of a few more idle fetches per second.
     */
    private static final int FETCH_MAX_WAIT_MS = 100;

    /** Settings the adapter owns: committing after the listener and positioning new groups. */
    private static final Set<String> OWNED = Set.of(
            ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);

    private final Map<String, Object> base;
    private final Duration subscribeTimeout;
    private final Redelivery redelivery;
    private final int maxInFlight;
    private final String bootstrapServers;

    private ConsumerSettings(Map<String, Object> base, Duration subscribeTimeout, Redelivery redelivery, int maxInFlight) {
        this.base = base;
        this.subscribeTimeout = subscribeTimeout;
        this.redelivery = redelivery;
        this.maxInFlight = maxInFlight;
        this.bootstrapServers = String.valueOf(base.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /**
     * Validates a user's consumer configuration and fills in the adapter's defaults.
     *
     * @throws IllegalArgumentException naming the offending setting
     */
    static ConsumerSettings of(Map<String, Object> userConfig) {
        Map<String, Object> config = new HashMap<>();
        userConfig.forEach((key, value) -> config.put(Objects.requireNonNull(key, "consumer config key"), value));
        Duration subscribeTimeout = Duration.ofMillis(wholeNumber(KafkaSignals.SUBSCRIBE_TIMEOUT_CONFIG,
                config.remove(KafkaSignals.SUBSCRIBE_TIMEOUT_CONFIG), DEFAULT_SUBSCRIBE_TIMEOUT.toMillis(), 0));
        Redelivery redelivery = new Redelivery(
                (int) Math.min(Integer.MAX_VALUE, wholeNumber(KafkaSignals.REDELIVERY_ATTEMPTS_CONFIG,
                        config.remove(KafkaSignals.REDELIVERY_ATTEMPTS_CONFIG), Redelivery.DEFAULT_ATTEMPTS, 1)),
                Duration.ofMillis(wholeNumber(KafkaSignals.REDELIVERY_BACKOFF_CONFIG,
                        config.remove(KafkaSignals.REDELIVERY_BACKOFF_CONFIG),
                        Redelivery.DEFAULT_FIRST_BACKOFF.toMillis(), 1)));
        int maxInFlight = (int) Math.min(Integer.MAX_VALUE, wholeNumber(KafkaSignals.MAX_IN_FLIGHT_CONFIG,
                config.remove(KafkaSignals.MAX_IN_FLIGHT_CONFIG), DEFAULT_MAX_IN_FLIGHT, 1));
        Object bootstrap = config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            throw new IllegalArgumentException("The consumer config needs " + ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG
                    + " (HOST:PORT[,HOST:PORT]), got " + (bootstrap == null ? "none" : "'" + bootstrap + "'"));
        }
        for (String owned : OWNED) {
            if (config.containsKey(owned)) {
                throw new IllegalArgumentException("Do not set " + owned + ": KafkaSignals chooses it per subscription "
                        + "(groups through Signal.subscribe(group, listener), offsets committed after each listener)");
            }
        }
        config.putIfAbsent(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.putIfAbsent(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        config.putIfAbsent(ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG, RECONNECT_BACKOFF_MS);
        config.putIfAbsent(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, RECONNECT_BACKOFF_MAX_MS);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // "none": a partition without a usable committed offset surfaces as an exception, which the
        // consumer turns into onPossibleLoss and a start at the end, rather than a silent reset.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        validate(config);
        return new ConsumerSettings(Map.copyOf(config), subscribeTimeout, redelivery, maxInFlight);
    }

    /** Properties for a consumer in the consumer group {@code group}. */
    Map<String, Object> forGroup(String group, String clientId) {
        Map<String, Object> config = forBroadcast(clientId);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        return config;
    }

    /** Properties for a consumer outside any group, which assigns itself every partition. */
    Map<String, Object> forBroadcast(String clientId) {
        Map<String, Object> config = new HashMap<>(base);
        Object userClientId = base.get(ConsumerConfig.CLIENT_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, userClientId == null ? clientId : userClientId + "-" + clientId);
        return config;
    }

    /** How long {@code subscribe} waits for its consumer to know where to start. */
    Duration subscribeTimeout() {
        return subscribeTimeout;
    }

    /** How a record or possible loss whose listener threw is delivered again. */
    Redelivery redelivery() {
        return redelivery;
    }

    /** How many records of one partition may wait for their stages before the partition is paused. */
    int maxInFlight() {
        return maxInFlight;
    }

    /** The bootstrap servers, for messages: host and port only, never credentials. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    private static void validate(Map<String, Object> config) {
        try {
            // Parses every setting as the consumer will, and resolves the bootstrap hosts, so that a
            // typo fails here and not later on a consumer thread.
            ClientUtils.parseAndValidateAddresses(new ConsumerConfig(config));
        } catch (KafkaException e) {
            throw new IllegalArgumentException("Invalid Kafka consumer config (bootstrap.servers="
                    + config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) + "): " + e.getMessage(), e);
        }
    }

    /** A whole-number setting of the adapter: {@code fallback} if absent, else at least {@code min}. */
    private static long wholeNumber(String name, Object value, long fallback, long min) {
        if (value == null) {
            return fallback;
        }
        long number;
        try {
            number = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
        if (number < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + number);
        }
        return number;
    }
}

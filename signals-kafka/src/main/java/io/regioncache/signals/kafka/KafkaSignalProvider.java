package io.regioncache.signals.kafka;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalProvider;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Resolves {@code kafka://HOST:PORT[,HOST:PORT]/TOPIC[?SETTING=VALUE&...]} for
 * {@link io.regioncache.signals.Signals#of(String)}. The query takes the adapter's own settings
 * only, such as {@code ?region-cache.subscribe.timeout.ms=2000} ({@link KafkaSignals#SUBSCRIBE_TIMEOUT_CONFIG},
 * {@link KafkaSignals#MAX_IN_FLIGHT_CONFIG}, {@link KafkaSignals#REDELIVERY_ATTEMPTS_CONFIG},
 * {@link KafkaSignals#REDELIVERY_BACKOFF_CONFIG}); Kafka's own settings, security above all, go
 * through {@link KafkaSignals#create(java.util.Map)}, never a URI.
 *
 * <p>Such a signal needs no closing: the {@link KafkaSignals} behind it holds no connection, and
 * each subscription's consumer and thread end when that subscription is closed. Applications
 * that want one place to close everything, or consumer settings beyond the bootstrap servers,
 * use {@link KafkaSignals} directly.
 */
public final class KafkaSignalProvider implements SignalProvider {

    private static final String FORM = "kafka://HOST:PORT[,HOST:PORT]/TOPIC";
    private static final Set<String> URI_SETTINGS = Set.of(KafkaSignals.SUBSCRIBE_TIMEOUT_CONFIG,
            KafkaSignals.MAX_IN_FLIGHT_CONFIG, KafkaSignals.REDELIVERY_ATTEMPTS_CONFIG,
            KafkaSignals.REDELIVERY_BACKOFF_CONFIG);

    /** Needed by {@link java.util.ServiceLoader}; does nothing. */
    public KafkaSignalProvider() {
    }

    /** Returns {@code "kafka"}. */
    @Override
    public String scheme() {
        return "kafka";
    }

    /**
     * The signal of the topic the URI names, on the cluster its authority names.
     *
     * @throws NullPointerException     if {@code uri} is null
     * @throws IllegalArgumentException if the URI is not of the form {@code kafka://HOST:PORT[,HOST:PORT]/TOPIC},
     *                                  its topic or hosts are invalid, or its query holds anything but
     *                                  the adapter's own settings with valid values
     */
    @Override
    public Signal signal(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("A Kafka signal URI needs bootstrap servers: expected " + FORM);
        }
        if (authority.contains("@")) {
            // Never echo the URI: what precedes '@' may be a password.
            throw new IllegalArgumentException("A Kafka signal URI takes no credentials: expected " + FORM
                    + "; configure security with KafkaSignals.create(Map)");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("A Kafka signal URI takes no fragment: expected " + FORM
                    + ", got '" + shown(uri) + "' with one");
        }
        String path = uri.getPath();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("A Kafka signal URI names one topic as its path: expected " + FORM
                    + ", got '" + shown(uri) + "'");
        }
        Map<String, Object> config = settings(uri);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, authority);
        return KafkaSignals.create(config).topic(path.substring(1));
    }

    /** The adapter's settings in the URI's query; anything else is refused without echoing its value. */
    private static Map<String, Object> settings(URI uri) {
        Map<String, Object> settings = new HashMap<>();
        String query = uri.getRawQuery();
        if (query == null) {
            return settings;
        }
        for (String parameter : query.split("&")) {
            int eq = parameter.indexOf('=');
            String key = eq < 0 ? parameter : parameter.substring(0, eq);
            if (!URI_SETTINGS.contains(key)) {
                throw new IllegalArgumentException("A Kafka signal URI's query takes only " + new TreeSet<>(URI_SETTINGS)
                        + ", got another in '" + shown(uri) + "'; configure Kafka's own settings with KafkaSignals.create(Map)");
            }
            settings.put(key, eq < 0 ? "" : parameter.substring(eq + 1));
        }
        return settings;
    }

    /**
     * The URI for a message: scheme, hosts and path only. Its query or fragment may hold a secret
     * (someone trying {@code ?sasl.jaas.config=...}); its user info is refused before this is used.
     */
    private static String shown(URI uri) {
        String path = uri.getRawPath();
        return uri.getScheme() + "://" + uri.getRawAuthority() + (path == null ? "" : path);
    }
}

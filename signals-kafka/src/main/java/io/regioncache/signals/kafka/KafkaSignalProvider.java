package io.regioncache.signals.kafka;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalProvider;
import java.net.URI;

/**
 * Resolves {@code kafka://HOST:PORT[,HOST:PORT]/TOPIC} for
 * {@link io.regioncache.signals.Signals#of(String)}.
 *
 * <p>Such a signal needs no closing: the {@link KafkaSignals} behind it holds no connection, and
 * each subscription's consumer and thread end when that subscription is closed. Applications
 * that want one place to close everything, or consumer settings beyond the bootstrap servers,
 * use {@link KafkaSignals} directly.
 */
public final class KafkaSignalProvider implements SignalProvider {

    private static final String FORM = "kafka://HOST:PORT[,HOST:PORT]/TOPIC";

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
     *                                  or its topic or hosts are invalid
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
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("A Kafka signal URI takes no query or fragment: expected " + FORM
                    + ", got '" + shown(uri) + "' with one; configure consumer settings with KafkaSignals.create(Map)");
        }
        String path = uri.getPath();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("A Kafka signal URI names one topic as its path: expected " + FORM
                    + ", got '" + shown(uri) + "'");
        }
        return KafkaSignals.create(authority).topic(path.substring(1));
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

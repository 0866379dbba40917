package io.regioncache.signals;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Entry points to signals: {@link #named(String)} for in-process signals, {@link #of(String)} for
 * any transport on the class path.
 *
 * <p>Transports are found with {@link java.util.ServiceLoader}: put the adapter module on the
 * class path and its scheme works.
 * <pre>{@code
 * Signal saved  = Signals.named("user-saved");                          // signals-api
 * Signal orders = Signals.of("kafka://127.0.0.1:9092/orders");          // signals-kafka
 * Signal prices = Signals.of("redis://127.0.0.1:6379?channel=prices");  // signals-redis-pubsub
 * }</pre>
 */
public final class Signals {

    // Named signals live as long as the JVM, as blinker's do: sending to a name must reach
    // whoever subscribed to it, however the two got hold of the signal.
    private static final ConcurrentMap<String, NamedLocalSignal> NAMED = new ConcurrentHashMap<>();

    private Signals() {
    }

    /**
     * The signal a URI names, from the provider on the class path that serves its scheme:
     * {@code local:NAME}, {@code kafka://HOST:PORT[,HOST:PORT]/TOPIC},
     * {@code redis://[user:password@]HOST:PORT[/db]?channel=NAME} (or {@code ?pattern=GLOB}),
     * {@code redis-stream://[user:password@]HOST:PORT/STREAM[?db=N]}.
     *
     * @throws NullPointerException     if {@code uri} is null
     * @throws IllegalArgumentException if the URI is malformed, or no provider serves its scheme
     *                                  (the message names the module to add)
     * @throws IllegalStateException    if two providers on the class path claim the scheme
     */
    public static Signal of(String uri) {
        Objects.requireNonNull(uri, "uri");
        URI parsed = parse(uri);
        return SignalProviders.forScheme(parsed.getScheme(), classLoader()).signal(parsed);
    }

    /**
     * The in-process signal of that name, like blinker's {@code signal(name)}: the same name
     * always returns the same signal.
     *
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is empty or blank
     */
    public static LocalSignal named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A local signal name must not be blank: '" + name + "'");
        }
        return NAMED.computeIfAbsent(name, NamedLocalSignal::new);
    }

    private static URI parse(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            // URISyntaxException's message repeats the input; keep only the reason and position,
            // since the input may hold a password.
            throw new IllegalArgumentException("Malformed signal URI: " + e.getReason() + " at index " + e.getIndex());
        }
        if (parsed.getScheme() == null) {
            throw new IllegalArgumentException("A signal URI needs a scheme such as local:, kafka:// or redis://");
        }
        return parsed;
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Signals.class.getClassLoader();
    }
}

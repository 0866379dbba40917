package io.regioncache.signals;

/**
 * Something that happens, to which listeners can subscribe: an in-process named signal, a Guava
 * {@code EventBus} event type, a Kafka topic, a Redis pub/sub channel.
 *
 * <p>Implementations are thread-safe. A subscription holds its listener strongly (unlike
 * blinker's weak references): it stays until {@link Subscription#close()} is called.
 */
public interface Signal {

    /**
     * A stable, human-readable name that identifies this signal among all transports, such as
     * {@code "kafka:orders"} or {@code "local:user-saved"}. It never contains credentials.
     */
    String name();

    /**
     * Delivers every event of this signal to {@code listener} until the returned subscription is
     * closed. Each such subscription sees every event.
     *
     * @throws NullPointerException if {@code listener} is null
     */
    Subscription subscribe(SignalListener listener);

    /**
     * A shared subscription: among all subscriptions with the same {@code group}, in any process,
     * each event reaches at least one. Transports that cannot share (local, Guava, Redis pub/sub)
     * deliver to every subscription, exactly as {@link #subscribe(SignalListener)}.
     *
     * @throws NullPointerException if {@code group} or {@code listener} is null
     */
    default Subscription subscribe(String group, SignalListener listener) {
        java.util.Objects.requireNonNull(group, "group");
        return subscribe(listener);
    }
}

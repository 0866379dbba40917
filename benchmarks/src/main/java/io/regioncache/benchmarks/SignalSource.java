package io.regioncache.benchmarks;

import io.regioncache.signals.Signal;

/**
 * A transport that case 6 binds a region to, and a way to raise one event on it. The time from
 * {@link #fire()} to the region's data being gone is what the case measures.
 */
interface SignalSource extends AutoCloseable {

    /** The signal the region is bound to. */
    Signal signal();

    /** Raises one event, without waiting for it to be delivered. */
    void fire();

    /** Releases what the source started (connections, producers, brokers). */
    @Override
    void close();

    /**
     * Opens the named transport: {@code local}, {@code guava}, {@code redis-pubsub}, {@code redis-streams} or {@code kafka}.
     *
     * @throws IllegalArgumentException for any other name
     */
    static SignalSource open(String transport, BenchmarkRedis redis) {
        return switch (transport) {
            case "local" -> new LocalSignalSource(redis.prefix());
            case "guava" -> new GuavaSignalSource();
            case "redis-pubsub" -> new PubSubSignalSource(redis);
            case "redis-streams" -> new StreamSignalSource(redis);
            case "kafka" -> new KafkaSignalSource();
            default -> throw new IllegalArgumentException("Unknown signal transport: " + transport);
        };
    }
}

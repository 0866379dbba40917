package io.regioncache.signals.kafka;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A Kafka topic as a {@link Signal}. Each subscription is a consumer of its own, on a thread of
 * its own named {@code region-cache-kafka-<topic>-<n>}.
 */
final class KafkaTopicSignal implements Signal {

    private static final AtomicInteger CONSUMER_NUMBER = new AtomicInteger();

    private final KafkaSignals owner;
    private final String topic;
    private final String name;

    KafkaTopicSignal(KafkaSignals owner, String topic) {
        this.owner = owner;
        this.topic = topic;
        this.name = "kafka:" + topic;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Every such subscription sees every record published after it started, whatever other
     * subscriptions exist, in this process or another. Nothing is committed.
     *
     * @throws NullPointerException  if {@code listener} is null
     * @throws IllegalStateException if the {@link KafkaSignals} that made this signal is closed
     */
    @Override
    public Subscription subscribe(SignalListener listener) {
        Objects.requireNonNull(listener, "listener");
        String threadName = threadName();
        String description = name + " at " + owner.settings().bootstrapServers();
        KafkaConsumer<Object, Object> consumer = new KafkaConsumer<>(owner.settings().forBroadcast(threadName));
        return owner.start(new BroadcastTopicConsumer(this, description, consumer, listener, threadName));
    }

    /**
     * A member of the Kafka consumer group {@code group}: the group's members, in any process,
     * share the records, and the group's committed offsets carry over restarts (at-least-once).
     *
     * @throws NullPointerException     if {@code group} or {@code listener} is null
     * @throws IllegalArgumentException if {@code group} is blank
     * @throws IllegalStateException    if the {@link KafkaSignals} that made this signal is closed
     */
    @Override
    public Subscription subscribe(String group, SignalListener listener) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(listener, "listener");
        if (group.isBlank()) {
            throw new IllegalArgumentException("A Kafka consumer group name must not be blank: '" + group + "'");
        }
        String threadName = threadName();
        String description = name + " (group '" + group + "') at " + owner.settings().bootstrapServers();
        KafkaConsumer<Object, Object> consumer = new KafkaConsumer<>(owner.settings().forGroup(group, threadName));
        return owner.start(new GroupTopicConsumer(this, group, description, consumer, listener, threadName));
    }

    String topic() {
        return topic;
    }

    KafkaSignals owner() {
        return owner;
    }

    private String threadName() {
        return "region-cache-kafka-" + topic + "-" + CONSUMER_NUMBER.incrementAndGet();
    }

    @Override
    public String toString() {
        return "KafkaSignal[" + name + " at " + owner.settings().bootstrapServers() + "]";
    }
}

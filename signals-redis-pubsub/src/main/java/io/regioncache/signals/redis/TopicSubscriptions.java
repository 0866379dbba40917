package io.regioncache.signals.redis;

import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import io.regioncache.signals.SignalEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of each channel and pattern on one pub/sub connection, reference-counted: the first
 * listener of a topic sends SUBSCRIBE (or PSUBSCRIBE), the last one to leave sends UNSUBSCRIBE.
 *
 * <p>Changes and the commands they need happen under one lock, so commands reach Redis in the
 * order of the changes and Redis ends up subscribed to exactly the topics that have listeners.
 * Nothing waits for Redis under the lock. Dispatch reads without locking: it runs on the Lettuce
 * event loop for every message.
 */
final class TopicSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSubscriptions.class);

    /** The listeners of one topic and the confirmation of its SUBSCRIBE. */
    private record Listeners(Set<QueuedSubscription> subscriptions, CompletableFuture<Void> subscribed) {
    }

    private final Map<Topic, Listeners> byTopic = new ConcurrentHashMap<>();
    private final RedisPubSubAsyncCommands<String, String> commands;

    TopicSubscriptions(RedisPubSubAsyncCommands<String, String> commands) {
        this.commands = commands;
    }

    /**
     * Adds a listener to a topic, subscribing on Redis if it is the topic's first.
     *
     * @return completes when Redis has confirmed the topic's subscription
     */
    synchronized CompletableFuture<Void> add(Topic topic, QueuedSubscription subscription) {
        Listeners listeners = byTopic.get(topic);
        if (listeners == null) {
            listeners = new Listeners(new CopyOnWriteArraySet<>(), topic.subscribe(commands).toCompletableFuture());
            byTopic.put(topic, listeners);
        }
        listeners.subscriptions().add(subscription);
        return listeners.subscribed();
    }

    /** Removes a listener from a topic, unsubscribing on Redis if it was the topic's last. */
    synchronized void remove(Topic topic, QueuedSubscription subscription) {
        Listeners listeners = byTopic.get(topic);
        if (listeners == null || !listeners.subscriptions().remove(subscription) || !listeners.subscriptions().isEmpty()) {
            return;
        }
        byTopic.remove(topic);
        topic.unsubscribe(commands).whenComplete((ignored, failure) -> {
            if (failure != null) {
                // Harmless: messages of a topic without listeners are dropped on arrival.
                LOG.debug("Could not unsubscribe from {}", topic, failure);
            }
        });
    }

    /** Queues a message for every listener of {@code topic}; {@code channel} is where it was published. */
    void dispatch(Topic topic, String channel, String message) {
        Listeners listeners = byTopic.get(topic);
        if (listeners == null) {
            return;
        }
        SignalEvent event = new SignalEvent(topic.signalName(), channel, message, Instant.now());
        for (QueuedSubscription subscription : listeners.subscriptions()) {
            subscription.offer(event);
        }
    }

    /**
     * After a reconnect: subscribes again to every topic and, once Redis has confirmed, reports a
     * possible loss to every listener. Lettuce resubscribes by itself too; subscribing again costs an
     * idempotent command per topic and tells us when the subscriptions are back, which is when a purge
     * must happen so that no message can fall between the purge and the subscription.
     */
    synchronized void resubscribeAndReportLoss() {
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        List<QueuedSubscription> affected = new ArrayList<>();
        byTopic.forEach((topic, listeners) -> {
            confirmations.add(topic.subscribe(commands).toCompletableFuture());
            affected.addAll(listeners.subscriptions());
        });
        if (affected.isEmpty()) {
            return;
        }
        CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.warn("Resubscribing after a reconnect failed; reporting a possible loss anyway", failure);
            }
            LOG.info("Redis pub/sub reconnected: resubscribed to {} channels and patterns, "
                    + "reporting a possible loss to {} listeners", confirmations.size(), affected.size());
            affected.forEach(QueuedSubscription::reportPossibleLoss);
        });
    }

    /** Forgets every listener, when the connection is being closed anyway. */
    synchronized List<QueuedSubscription> clear() {
        List<QueuedSubscription> all = new ArrayList<>();
        byTopic.values().forEach(listeners -> all.addAll(listeners.subscriptions()));
        byTopic.clear();
        return all;
    }
}

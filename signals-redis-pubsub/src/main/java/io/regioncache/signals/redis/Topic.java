package io.regioncache.signals.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import java.util.Objects;

/**
 * What a signal listens to on Redis: one channel (SUBSCRIBE) or one glob pattern (PSUBSCRIBE).
 *
 * @param pattern whether {@code name} is a PSUBSCRIBE glob rather than a channel name
 * @param name    the channel or the glob, never blank
 */
record Topic(boolean pattern, String name) {

    Topic {
        Objects.requireNonNull(name, pattern ? "channelPattern" : "channel");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A Redis pub/sub " + kind(pattern) + " must not be blank: '" + name + "'");
        }
    }

    static Topic channel(String channel) {
        return new Topic(false, channel);
    }

    static Topic pattern(String channelPattern) {
        return new Topic(true, channelPattern);
    }

    /**
     * The {@link io.regioncache.signals.Signal#name()} of signals on this topic. Patterns get their
     * own prefix so that channel {@code a*} and pattern {@code a*} never share a name.
     */
    String signalName() {
        return (pattern ? "redis-pattern:" : "redis:") + name;
    }

    RedisFuture<Void> subscribe(RedisPubSubAsyncCommands<String, String> commands) {
        return pattern ? commands.psubscribe(name) : commands.subscribe(name);
    }

    RedisFuture<Void> unsubscribe(RedisPubSubAsyncCommands<String, String> commands) {
        return pattern ? commands.punsubscribe(name) : commands.unsubscribe(name);
    }

    @Override
    public String toString() {
        return kind(pattern) + " '" + name + "'";
    }

    private static String kind(boolean pattern) {
        return pattern ? "pattern" : "channel";
    }
}

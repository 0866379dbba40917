package io.regioncache.signals.redis.streams;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessage;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How a consumer leaves its group when its subscription closes. Deleting a consumer
 * ({@code XGROUP DELCONSUMER}) also drops its pending entries for good, so the entries it still
 * holds (delivered, not acknowledged) are first handed to another consumer of the group, marked as
 * idle for the claim idle time: the next claim of any live consumer takes them at once, so it does
 * not matter whether the one they were handed to is alive. A consumer that still holds entries
 * afterwards (no other consumer, or Redis failed) is left in place: its entries are claimed by the
 * next consumer of the group after the claim idle time.
 */
final class GroupExit {

    private static final System.Logger LOG = System.getLogger(GroupExit.class.getName());
    private static final int MAX_HANDED_OVER = 10_000;

    private final RedisCommands<String, String> redis;
    private final String streamKey;
    private final Consumer<String> consumer;
    private final Duration claimIdle;
    private final String description;

    GroupExit(RedisCommands<String, String> redis, String streamKey, Consumer<String> consumer, Duration claimIdle,
              String description) {
        this.redis = redis;
        this.streamKey = streamKey;
        this.consumer = consumer;
        this.claimIdle = claimIdle;
        this.description = description;
    }

    void leave() {
        try {
            List<PendingMessage> held = pending();
            if (!held.isEmpty()) {
                Optional<String> heir = heir();
                if (heir.isPresent()) {
                    String[] ids = held.stream().map(PendingMessage::getId).toArray(String[]::new);
                    redis.xclaim(streamKey, Consumer.from(consumer.getGroup(), heir.get()),
                            new XClaimArgs().idle(claimIdle).justid(), ids);
                    LOG.log(Level.INFO, "{0}: handed {1} unacknowledged entries to consumer ''{2}''", description,
                            ids.length, heir.get());
                    held = pending();
                }
            }
            if (held.isEmpty()) {
                redis.xgroupDelconsumer(streamKey, consumer);
            } else {
                LOG.log(Level.INFO, "{0}: leaves {1} unacknowledged entries to be claimed by the group after {2} ms",
                        description, held.size(), claimIdle.toMillis());
            }
        } catch (RedisException e) {
            LOG.log(Level.WARNING, "{0}: could not leave the group cleanly ({1}); its unacknowledged entries are claimed "
                    + "by the group after the claim idle time", description, e.toString());
        }
    }

    private List<PendingMessage> pending() {
        return redis.xpending(streamKey, XPendingArgs.Builder.xpending(consumer, Range.unbounded(),
                Limit.from(MAX_HANDED_OVER)));
    }

    /** The other consumer that received an entry most recently: the likeliest to be alive. */
    private Optional<String> heir() {
        return StreamInfo.consumers(redis, streamKey, consumer.getGroup()).stream()
                .filter(other -> !other.name().equals(consumer.getName()))
                .min(Comparator.comparingLong(StreamInfo.Consumer::idleMillis))
                .map(StreamInfo.Consumer::name);
    }
}

package io.regioncache.signals.redis.streams;

import io.lettuce.core.resource.Delay;
import java.time.Duration;

/**
 * The settings of one {@link RedisStreamSignals}, fixed by its builder.
 *
 * @param maxLength          the approximate {@code MAXLEN} of {@code publish}'s {@code XADD}; 0 never trims
 * @param claimIdle          how long an entry stays pending with a consumer before the others claim it
 * @param attempts           deliveries in all of an entry (or a possible loss) whose listener keeps failing
 * @param redeliveryDelay    the wait before each further delivery, by the number of failures so far
 * @param timeout            bounds connecting, each command, and how long {@code subscribe} waits to be positioned
 */
record StreamSettings(long maxLength, Duration claimIdle, int attempts, Delay redeliveryDelay, Duration timeout) {

    /**
     * How often a reader checks for trimmed entries and claims idle ones: often enough that a
     * claim follows soon after the idle time, never more than once a second.
     */
    Duration maintenanceInterval() {
        Duration half = claimIdle.dividedBy(2);
        return half.compareTo(StreamReader.POLL) < 0 ? half : StreamReader.POLL;
    }
}

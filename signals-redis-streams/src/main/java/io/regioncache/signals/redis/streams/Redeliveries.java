package io.regioncache.signals.redis.streams;

import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Entries whose listener failed, each waiting for its next delivery. Filled from whatever thread
 * completes a listener's stage; drained by the reader thread, which also sizes its blocking reads
 * so that none is due long before the read returns.
 */
final class Redeliveries {

    /** An entry due for its {@code attempt}-th delivery at {@code dueNanos}. */
    record Due(StreamMessage<String, String> entry, int attempt, long dueNanos) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }

    private final DelayQueue<Due> queue = new DelayQueue<>();

    void schedule(StreamMessage<String, String> entry, int attempt, Duration delay) {
        queue.add(new Due(entry, attempt, System.nanoTime() + delay.toNanos()));
    }

    /** The next entry that is due now, or null. */
    Due nextDue() {
        return queue.poll();
    }

    /** How long until the next entry is due; {@code fallback} if none waits. */
    Duration untilNext(Duration fallback) {
        Due next = queue.peek();
        return next == null ? fallback : Duration.ofNanos(Math.max(0, next.getDelay(TimeUnit.NANOSECONDS)));
    }

    /** Forgets every waiting entry; they stay pending in Redis. */
    int clear() {
        int count = queue.size();
        queue.clear();
        return count;
    }
}

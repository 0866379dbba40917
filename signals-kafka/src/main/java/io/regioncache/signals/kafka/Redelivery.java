package io.regioncache.signals.kafka;

import java.time.Duration;
import org.apache.kafka.common.utils.ExponentialBackoff;

/**
 * How often a record, or a possible loss, whose listener failed is handed to it again before the
 * consumer gives up on it: {@code attempts} deliveries in all, separated by a backoff that starts
 * at {@code firstBackoff} and doubles up to {@link #MAX_BACKOFF} (Kafka's own
 * {@link ExponentialBackoff}, without jitter: each subscription retries its own record).
 *
 * @param attempts     deliveries in all, at least 1
 * @param firstBackoff the wait before the second delivery
 */
record Redelivery(int attempts, Duration firstBackoff) {

    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(100);
    /** 100 ms doubling to 5 s: 11 waits of 0.1+0.2+0.4+0.8+1.6+3.2+5*5 = 31.3 s in all. */
    static final int DEFAULT_ATTEMPTS = 12;

    /** The wait after the {@code failed}-th failed delivery (1 for the first). */
    Duration backoffAfter(int failed) {
        ExponentialBackoff backoff = new ExponentialBackoff(firstBackoff.toMillis(), 2,
                Math.max(firstBackoff.toMillis(), MAX_BACKOFF.toMillis()), 0);
        return Duration.ofMillis(backoff.backoff(failed - 1L));
    }
}

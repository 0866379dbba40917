package io.regioncache;

import java.time.Duration;
import java.util.UUID;

/**
 * The values of a region's generation. Each invalidation sets a fresh random token rather than
 * incrementing a counter: a counter whose key was evicted ({@code allkeys-lru}) or deleted starts
 * again and can come back to a value that a load in flight read (ABA), a random token cannot.
 */
final class GenerationTokens {

    /**
     * How long a generation key lives after the invalidation that set it. A load that runs longer
     * than this between reading the generations and storing its value is not fenced.
     */
    static final Duration TIME_TO_LIVE = Duration.ofDays(7);

    private GenerationTokens() {
    }

    /** A token no earlier invalidation set: 122 random bits. */
    static String fresh() {
        return UUID.randomUUID().toString();
    }
}

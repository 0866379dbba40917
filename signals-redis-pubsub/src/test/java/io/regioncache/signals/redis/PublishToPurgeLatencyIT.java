package io.regioncache.signals.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.TestRedis;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;

/**
 * Measures, and prints, how long a PUBLISH takes to purge a bound region: not a timed assertion,
 * a measurement for the README. For each of {@value #MESSAGES} messages it fills the region,
 * publishes, and polls the region's size (one round trip per poll) until it is empty. It also
 * records when the adapter handed the message to a plain listener on the same channel, to show
 * the adapter's share of the total. Run it alone with:
 * <pre>
 * ./mvnw -B -q -pl signals-redis-pubsub -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=PublishToPurgeLatencyIT -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 */
class PublishToPurgeLatencyIT {

    private static final int WARM_UP = 200;
    private static final int MESSAGES = 2_000;
    private static final long DEADLINE_NANOS = 10_000_000_000L;

    @Test
    void publishToPurge() {
        String prefix = TestRedis.uniquePrefix(PublishToPurgeLatencyIT.class);
        String channel = prefix + "changed";
        ConcurrentMap<String, Long> delivered = new ConcurrentHashMap<>();
        long[] toListener = new long[MESSAGES];
        long[] toPurge = new long[MESSAGES];
        try (TestConnection publisher = TestConnection.to(TestRedis.url());
             RegionCache cache = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).build();
             RedisPubSubSignals redis = RedisPubSubSignals.create(TestRedis.url());
             Subscription listener = redis.channel(channel).subscribe(
                     event -> delivered.put((String) event.payload(), System.nanoTime()))) {
            Region<Object> region = cache.region("measured");
            region.invalidateOn(redis.channel(channel));
            for (int i = -WARM_UP; i < MESSAGES; i++) {
                region.put("k", "v");
                String message = Integer.toString(i);
                long start = System.nanoTime();
                publisher.publish(channel, message);
                while (region.size() != 0) {
                    failAfterDeadline(start, "purge");
                }
                long purged = System.nanoTime();
                while (!delivered.containsKey(message)) {
                    failAfterDeadline(start, "delivery to the listener");
                }
                if (i >= 0) {
                    toPurge[i] = purged - start;
                    toListener[i] = delivered.get(message) - start;
                }
            }
        } finally {
            TestRedis.deleteKeys(prefix);
        }
        System.out.printf("Redis pub/sub, %d messages after %d warm-up, one at a time: publish-to-purge %s; "
                + "publish-to-listener %s%n", MESSAGES, WARM_UP, percentiles(toPurge), percentiles(toListener));
    }

    private static void failAfterDeadline(long start, String what) {
        assertThat(System.nanoTime() - start).as("nanoseconds waited for the " + what).isLessThan(DEADLINE_NANOS);
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.0f us, p99 %.0f us, max %.0f us", micros(sorted, 0.50), micros(sorted, 0.99),
                sorted[sorted.length - 1] / 1_000.0);
    }

    private static double micros(long[] sorted, double quantile) {
        return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1_000.0;
    }
}

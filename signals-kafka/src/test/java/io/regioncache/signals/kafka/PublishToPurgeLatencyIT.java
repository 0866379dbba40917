package io.regioncache.signals.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.Invalidation;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.testsupport.EmbeddedKafkaBroker;
import io.regioncache.testsupport.TestRedis;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Measures how long a record takes from {@code send} to the purge of the key it names, through a
 * real broker, the adapter and cache-core on the test Redis, one record at a time. It prints the
 * percentiles and asserts only that every record purged its key: speed depends on the machine.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl signals-kafka -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=PublishToPurgeLatencyIT -Dfailsafe.failIfNoSpecifiedTests=false
 * }</pre>
 */
class PublishToPurgeLatencyIT {

    private static final int WARM_UP = 200;
    private static final int MEASURED = 1_000;
    /** Between two looks at Redis, so that polling does not starve the consumer of CPU. */
    private static final long POLL_PAUSE_NANOS = 20_000;
    private static final long TIMEOUT_NANOS = Duration.ofSeconds(30).toNanos();

    private final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
    private final String prefix = TestRedis.uniquePrefix(PublishToPurgeLatencyIT.class);
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();

    @Test
    void publishToPurge() throws Exception {
        String topic = broker.createTopic("latency", 1);
        try (KafkaSignals kafka = KafkaSignals.create(broker.bootstrapServers());
             RegionCache cache = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).build();
             KafkaProducer<String, String> producer = broker.newProducer()) {
            Region<Object> region = cache.region("latency");
            region.invalidateOn(kafka.topic(topic), event -> {
                arrivals.put(event.key(), System.nanoTime());
                return Invalidation.keys(List.of(event.key()));
            });

            measure(region, producer, topic, "warm-up-", WARM_UP, new long[WARM_UP], new long[WARM_UP]);
            long[] toListener = new long[MEASURED];
            long[] toPurge = new long[MEASURED];
            measure(region, producer, topic, "key-", MEASURED, toListener, toPurge);

            System.out.printf("signals-kafka publish-to-purge over %d records (one at a time, loopback broker and "
                            + "Redis, load average %.1f on %d cores):%n  send -> purged in Redis: %s%n"
                            + "  send -> listener called: %s%n", MEASURED,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors(), percentiles(toPurge), percentiles(toListener));
        } finally {
            TestRedis.deleteKeys(prefix);
        }
    }

    private void measure(Region<Object> region, KafkaProducer<String, String> producer, String topic, String keyPrefix,
                         int count, long[] toListener, long[] toPurge) throws Exception {
        for (int i = 0; i < count; i++) {
            String key = keyPrefix + i;
            region.put(key, i);
            long sent = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, key, "changed"));
            while (region.containsKey(key)) {
                assertThat(System.nanoTime() - sent).as("time for record %s to purge its key", key)
                        .isLessThan(TIMEOUT_NANOS);
                LockSupport.parkNanos(POLL_PAUSE_NANOS);
            }
            toPurge[i] = System.nanoTime() - sent;
            toListener[i] = arrivals.get(key) - sent;
        }
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", millis(sorted, 0.50),
                millis(sorted, 0.90), millis(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
    }
}

package io.regioncache.signals.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.Invalidation;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.testsupport.EmbeddedKafkaBroker;
import io.regioncache.testsupport.QuietLog;
import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records keep arriving while the Redis of the bound region's cache is restarted: the purges that
 * fail while it is down are retried by the cache (their stages stay pending, so Kafka commits
 * nothing past them and delivers nothing twice), and every record's purge is applied once Redis is
 * back. Redis comes back empty, so what the purges remove afterwards is written after the restart.
 *
 * <p>{@code -Dregioncache.kafka.records=N} changes the number of records (1,500 by default).
 */
@ExtendWith(QuietLog.class)
class RedisRestartUnderRecordsIT {

    @RegisterExtension
    static final FaultFigures FIGURES = new FaultFigures();

    private static final int RECORDS = Integer.getInteger("regioncache.kafka.records", 1_500);
    private static final int PARTITIONS = 2;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
    private RedisServerProcess redis;
    private RegionCache cache;
    private KafkaSignals kafka;

    /** Not in field initializers: what starting logs must go to QuietLog, which starts capturing only now. */
    @BeforeEach
    void open() {
        redis = RedisServerProcess.start("--loglevel", "warning");
        cache = RegionCache.builder().redisUrl(redis.url()).commandTimeout(Duration.ofMillis(500)).build();
        kafka = KafkaSignals.create(broker.bootstrapServers());
    }

    @AfterEach
    void close() {
        cache.close();
        kafka.close();
        redis.close();
    }

    @Test
    void everyRecordIsAppliedOnceRedisIsBack() {
        String topic = broker.createTopic("redis-restart", PARTITIONS);
        CountingSignal signal = new CountingSignal(kafka.topic(topic));
        List<String> keys = IntStream.range(0, RECORDS).mapToObj(i -> "stock:" + i).toList();
        List<String> beforeDown = keys.subList(0, RECORDS / 3);
        List<String> whileDown = keys.subList(RECORDS / 3, RECORDS * 2 / 3);
        List<String> afterBack = keys.subList(RECORDS * 2 / 3, RECORDS);

        Region<Object> stock = cache.region("stock");
        stock.invalidateOn(signal, event -> Invalidation.keys(List.of(event.key())));
        // The new group's possible loss purges the whole region: write only once that has landed.
        await().atMost(WAIT).until(() -> signal.lossesHandled() == 1);
        stock.putAll(stale(beforeDown));
        assertThat(stock.size()).as("written, so that a purge has something to remove").isEqualTo(beforeDown.size());
        broker.publishAll(topic, beforeDown);
        await().atMost(WAIT).until(() -> signal.appliedAll(beforeDown));
        assertThat(stock.keys()).isEmpty();

        redis.stop();
        broker.publishAll(topic, whileDown);
        // Each partition takes records until MAX_IN_FLIGHT of them wait for their purges, so at
        // least min(whileDown, MAX_IN_FLIGHT) are delivered, and at most that many per partition.
        int deliveredWhileDown = Math.min(whileDown.size(), ConsumerSettings.DEFAULT_MAX_IN_FLIGHT);
        await("records delivered while Redis is down, their purges waiting for a retry").atMost(WAIT)
                .until(() -> signal.deliveries() >= beforeDown.size() + deliveredWhileDown
                        && cache.pendingInvalidationRetries() > 0);
        assertThat(signal.keysApplied()).as("nothing lands while Redis is down").isEqualTo(beforeDown.size());
        assertThat(signal.deliveries() - beforeDown.size()).as("a partition with too many pending purges is paused")
                .isLessThanOrEqualTo(PARTITIONS * ConsumerSettings.DEFAULT_MAX_IN_FLIGHT);
        int deliveredDown = signal.deliveries() - beforeDown.size();

        redis.restart();
        long back = System.nanoTime();
        Map<String, Object> written = stale(afterBack);
        written.put("untouched", "no record names it, and only a possible loss would purge it");
        // Writes are dropped (DEGRADE) until the cache's connection is back: write until they stay.
        await().atMost(WAIT).until(() -> {
            stock.putAll(written);
            return stock.keys().containsAll(written.keySet());
        });
        broker.publishAll(topic, afterBack);

        await().atMost(WAIT).until(() -> signal.appliedAll(keys) && cache.pendingInvalidationRetries() == 0);
        FIGURES.record(signal.figures("Redis restarted while records flowed", RECORDS) + String.format(
                "; %,d of them delivered while Redis was down; all applied %,d ms after it was back", deliveredDown,
                (System.nanoTime() - back) / 1_000_000));
        assertThat(stock.keys()).as("every record's key purged, and nothing else").containsExactly("untouched");
        assertThat(signal.purgesApplied()).as("a failed purge is retried, not delivered again").isEqualTo(RECORDS);
        assertThat(signal.failedStages()).isZero();
        assertThat(signal.possibleLosses()).as("only the new group's start").isEqualTo(1);
    }

    private static Map<String, Object> stale(List<String> keys) {
        Map<String, Object> entries = new HashMap<>();
        keys.forEach(key -> entries.put(key, "stale"));
        return entries;
    }
}

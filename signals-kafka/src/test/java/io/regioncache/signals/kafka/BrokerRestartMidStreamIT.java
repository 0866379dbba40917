package io.regioncache.signals.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.Invalidation;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.testsupport.EmbeddedKafkaBroker;
import io.regioncache.testsupport.QuietLog;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A region bound to a topic through a consumer group while its broker is stopped and restarted in
 * the middle of a stream of records: every record published before, during and after the restart
 * gets its key purged from Redis, none is lost (duplicates are allowed and counted), and the
 * binding recovers without help. The restart is made to hit the consumer mid-stream: its rule holds
 * the consumer thread on one record until the broker is down, so that records it has handled are
 * not committed yet when the broker goes.
 *
 * <p>{@code -Dregioncache.kafka.records=N} changes the number of records (2,000 by default).
 */
@ExtendWith(QuietLog.class)
class BrokerRestartMidStreamIT {

    @RegisterExtension
    static final FaultFigures FIGURES = new FaultFigures();

    private static final int RECORDS = Integer.getInteger("regioncache.kafka.records", 2_000);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String prefix = TestRedis.uniquePrefix(BrokerRestartMidStreamIT.class);
    private EmbeddedKafkaBroker broker;
    private RegionCache cache;
    private KafkaSignals kafka;

    /** Not in field initializers: what starting logs must go to QuietLog, which starts capturing only now. */
    @BeforeEach
    void open() {
        broker = EmbeddedKafkaBroker.start();
        cache = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).build();
        kafka = KafkaSignals.create(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                // A restart takes a few seconds: reconnecting within one keeps the test short.
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000));
    }

    @AfterEach
    void close() {
        cache.close();
        kafka.close();
        broker.close();
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void everyRecordPublishedAcrossABrokerRestartPurgesItsKey() throws InterruptedException {
        String topic = broker.createTopic("restart-mid-stream", 2);
        CountingSignal signal = new CountingSignal(kafka.topic(topic));
        List<String> keys = IntStream.range(0, RECORDS).mapToObj(i -> "order:" + i).toList();
        List<String> before = keys.subList(0, RECORDS / 2);
        List<String> during = keys.subList(RECORDS / 2, RECORDS * 3 / 4);
        List<String> after = keys.subList(RECORDS * 3 / 4, RECORDS);
        String holdingKey = before.get(before.size() / 2);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch brokerDown = new CountDownLatch(1);

        Region<Object> orders = cache.region("orders");
        orders.invalidateOn(signal, event -> {
            if (holdingKey.equals(event.key()) && holding.getCount() > 0) {
                holding.countDown();
                awaitQuietly(brokerDown);
            }
            return Invalidation.keys(List.of(event.key()));
        });
        // The new group's possible loss purges the whole region: fill it only once that has landed.
        await().atMost(WAIT).until(() -> signal.lossesHandled() == 1);
        Map<String, Object> entries = new HashMap<>();
        keys.forEach(key -> entries.put(key, "stale"));
        entries.put("untouched", "no record names it, and only a possible loss would purge it");
        orders.putAll(entries);
        assertThat(orders.size()).as("written, so that a purge has something to remove").isEqualTo(RECORDS + 1);

        broker.publishAll(topic, before);
        assertThat(holding.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the consumer reached " + holdingKey).isTrue();
        broker.stop();
        brokerDown.countDown();
        broker.restartWhilePublishing(topic, during.toArray(String[]::new));
        long back = System.nanoTime();
        broker.publishAll(topic, after);

        await().atMost(WAIT).until(() -> signal.appliedAll(keys));
        FIGURES.record(signal.figures("Kafka broker restarted mid-stream", RECORDS) + String.format(
                "; all applied %,d ms after the broker was back", (System.nanoTime() - back) / 1_000_000));
        assertThat(orders.keys()).as("every record's key purged, and nothing else").containsExactly("untouched");
        assertThat(signal.possibleLosses()).as("only the new group's start").isEqualTo(1);
        assertThat(signal.failedStages()).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

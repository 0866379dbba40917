package io.regioncache.signals.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.Invalidation;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.signals.Signal;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.EmbeddedKafkaBroker;
import io.regioncache.testsupport.QuietLog;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kafka records purge the regions of real caches on the test Redis. Two {@link RegionCache}
 * instances with the same key prefix play two processes of one application. Regions are filled
 * after they are first bound: a binding's new consumer group reports a possible loss as it
 * starts, which purges the whole region.
 */
@ExtendWith(QuietLog.class)
class KafkaRegionInvalidationIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
    private final String prefix = TestRedis.uniquePrefix(KafkaRegionInvalidationIT.class);
    private KafkaSignals kafka;
    private RegionCache first;
    private RegionCache second;
    private String topic;
    private Signal signal;

    @BeforeEach
    void open() {
        topic = broker.createTopic("region-it", 2);
        kafka = KafkaSignals.create(broker.bootstrapServers());
        signal = kafka.topic(topic);
        first = cache();
        second = cache();
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
        kafka.close();
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void twoProcessesBindingOneRegionHandleEachRecordOnce() {
        AtomicInteger handled = new AtomicInteger();
        first.region("users").invalidateOn(signal, event -> countAndPurge(handled));
        second.region("users").invalidateOn(signal, event -> countAndPurge(handled));
        Region<Object> users = first.region("users");

        for (int record = 1; record <= 3; record++) {
            users.put("user:1", "Ada");
            broker.publish(topic, "user:1", "saved");
            int expected = record;
            await().atMost(WAIT).until(() -> users.keys().isEmpty() && handled.get() == expected);
        }
        assertThat(handled).hasValue(3);
    }

    @Test
    void twoRegionsBoundToOneTopicAreBothPurged() {
        Region<Object> users = first.region("users");
        Region<Object> orders = second.region("orders");
        Region<Object> unbound = first.region("prices");
        users.put("user:1", "Ada");
        orders.put("order:1", "book");
        unbound.put("price:1", "3");
        users.invalidateOn(signal);
        orders.invalidateOn(signal);

        broker.publish(topic, "anything", "happened");

        await().atMost(WAIT).until(() -> users.keys().isEmpty() && orders.keys().isEmpty());
        assertThat(unbound.keys()).containsExactly("price:1");
    }

    @Test
    void ruleTurnsTheRecordKeyIntoTheKeysToRemove() {
        Region<Object> users = first.region("users");
        users.invalidateOn(signal, event -> Invalidation.keys(List.of(event.key())));
        users.put("user:1", "Ada");
        users.put("user:2", "Grace");

        broker.publish(topic, "user:1", "saved");

        await().atMost(WAIT).until(() -> !users.containsKey("user:1"));
        assertThat(users.keys()).containsExactly("user:2");
    }

    @Test
    void ruleTurnsTheRecordKeyIntoTheSubregionToPurge() {
        Region<Object> sessions = first.region("sessions");
        sessions.invalidateOn(signal, event -> Invalidation.subregion(event.key()));
        sessions.region("ada").put("token", "t1");
        sessions.region("grace").put("token", "t2");
        sessions.put("count", 2);

        broker.publish(topic, "ada", "logged-out");

        await().atMost(WAIT).until(() -> sessions.region("ada").keys().isEmpty());
        assertThat(sessions.region("grace").keys()).containsExactly("token");
        assertThat(sessions.keys()).containsExactly("count");
    }

    @Test
    void recordPublishedWhileUnboundIsAppliedWhenBoundAgain() {
        Region<Object> users = first.region("users");
        Subscription binding = users.invalidateOn(signal, event -> Invalidation.keys(List.of(event.key())));
        binding.close();
        users.put("user:1", "Ada");
        users.put("user:2", "Grace");

        broker.publish(topic, "user:1", "saved while nobody listened");
        assertThat(users.keys()).containsExactlyInAnyOrder("user:1", "user:2");
        second.region("users").invalidateOn(signal, event -> Invalidation.keys(List.of(event.key())));

        // The group's committed offset brings the record; a possible loss would purge user:2 too.
        await().atMost(WAIT).until(() -> !users.containsKey("user:1"));
        assertThat(users.keys()).containsExactly("user:2");
    }

    @Test
    void everyRecordBeforeDuringAndAfterABrokerRestartPurgesItsKey() {
        try (EmbeddedKafkaBroker restarting = EmbeddedKafkaBroker.start();
             KafkaSignals restartingKafka = KafkaSignals.create(restarting.bootstrapServers())) {
            String restartingTopic = restarting.createTopic("restart-it", 2);
            Region<Object> users = first.region("users");
            users.invalidateOn(restartingKafka.topic(restartingTopic), event -> Invalidation.keys(List.of(event.key())));
            for (int i = 0; i < 10; i++) {
                users.put("user:" + i, i);
            }

            restarting.publish(restartingTopic, "user:0", "before");
            restarting.publish(restartingTopic, "user:1", "before");
            restarting.restartWhilePublishing(restartingTopic, "user:2", "user:3", "user:4");
            restarting.publish(restartingTopic, "user:5", "after");

            await().atMost(WAIT).until(() -> users.keys().size() == 4);
            assertThat(users.keys()).containsExactlyInAnyOrder("user:6", "user:7", "user:8", "user:9");
        }
    }

    private static Invalidation countAndPurge(AtomicInteger handled) {
        handled.incrementAndGet();
        return Invalidation.region();
    }

    private RegionCache cache() {
        return RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).build();
    }
}

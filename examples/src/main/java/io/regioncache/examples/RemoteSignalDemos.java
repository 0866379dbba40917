package io.regioncache.examples;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.signals.Signal;
import io.regioncache.signals.Subscription;
import io.regioncache.signals.kafka.KafkaSignals;
import io.regioncache.signals.redis.RedisPubSubSignals;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The demo's transports that cross process boundaries: a Redis PUBLISH and a Kafka record, each
 * purging a region. They are asynchronous, so the demo waits for the purge and reports how long it
 * took.
 */
final class RemoteSignalDemos {

    private static final Duration PURGE_DEADLINE = Duration.ofSeconds(15);
    private static final long POLL_INTERVAL_NANOS = Duration.ofMillis(1).toNanos();

    private RemoteSignalDemos() {
    }

    static void redisPublish(RegionCache cache, String redisUrl, Consumer<String> say) {
        String channel = "region-cache-demo:products-changed";
        RedisClient client = RedisClient.create(redisUrl);
        try (RedisPubSubSignals pubSub = RedisPubSubSignals.create(redisUrl);
             StatefulRedisConnection<String, String> publisher = client.connect()) {
            Region<Object> catalog = cache.region("demo.catalog");
            purgeOn(catalog, pubSub.channel(channel), () -> publisher.sync().publish(channel, "p-1"),
                    "PUBLISH " + channel, say);
        } finally {
            client.shutdown();
        }
    }

    static void kafkaRecord(RegionCache cache, String bootstrap, Consumer<String> say) {
        String topic = "region-cache-demo-" + UUID.randomUUID();
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                // Kafka's default waits a minute for an unreachable broker before send() gives up.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        try (KafkaSignals kafka = KafkaSignals.create(bootstrap);
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            Region<Object> orders = cache.region("demo.kafka-orders");
            purgeOn(orders, kafka.topic(topic), () -> producer.send(new ProducerRecord<>(topic, "o-1", "shipped")),
                    "a record on topic " + topic, say);
        }
    }

    /**
     * Binds first, then fills: a Kafka binding's first subscription reports a possible loss and
     * purges the region, and a value written before that would vanish for the wrong reason.
     */
    private static void purgeOn(Region<Object> region, Signal signal, Runnable fire, String what, Consumer<String> say) {
        try (Subscription binding = region.invalidateOn(signal)) {
            region.put("item", "cached");
            say.accept(region.name() + " holds " + region.keys() + "; sending " + what);
            Instant sent = Instant.now();
            try {
                fire.run();
            } catch (RuntimeException e) {
                say.accept("could not send " + what + ": " + e.getMessage());
                return;
            }
            while (region.containsKey("item")) {
                if (Instant.now().isAfter(sent.plus(PURGE_DEADLINE))) {
                    say.accept("no purge within " + PURGE_DEADLINE.toSeconds() + " s: is the transport reachable?");
                    return;
                }
                LockSupport.parkNanos(POLL_INTERVAL_NANOS);
            }
            say.accept(what + " purged " + region.name() + " in " + Duration.between(sent, Instant.now()).toMillis() + " ms");
        }
    }
}

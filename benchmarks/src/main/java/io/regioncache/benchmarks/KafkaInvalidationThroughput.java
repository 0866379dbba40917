package io.regioncache.benchmarks;

import io.regioncache.Codecs;
import io.regioncache.Invalidation;
import io.regioncache.Region;
import io.regioncache.RegionOptions;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import io.regioncache.signals.kafka.KafkaSignals;
import io.regioncache.testsupport.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka-driven invalidation throughput, measured end to end: a region of 100,000 keys on the Redis
 * under test ({@code REGION_CACHE_URL}) is bound to a topic of an embedded broker with a key-level
 * rule ({@code Invalidation.keys(record key)}); then 100,000 records, one per key, are published as
 * fast as the producer goes, and the clock stops when the binding's consumer group has committed
 * the end of every partition. Offsets are committed only after the purges landed, so at that moment
 * every key must be gone, which the run checks. It prints records/s (records over the time from the
 * first send to the last commit) and the end lag (from the last record acknowledged by the broker
 * to the commit that covered it).
 *
 * <p>With the argument {@code lettuce} the region is bound without cache-core: a listener of the
 * adapter's own issues an asynchronous Lettuce {@code HDEL} per record and completes its stage on
 * the reply. That measures what the Kafka side can carry when the purge does not block it, the
 * ceiling a non-blocking cache binding can reach.
 *
 * <p>A measured main rather than a JMH benchmark: one run is one pass over 100k records with a
 * set-up (filling Redis, a consumer group joining) far longer than what is timed. Run it with
 * {@code ./bench-kafka-throughput [records] [lettuce]} from the repository root (see
 * benchmarks/README.md).
 */
public final class KafkaInvalidationThroughput {

    private static final int DEFAULT_RECORDS = 100_000;
    private static final int PARTITIONS = 4;
    private static final int FILL_BATCH = 1_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private KafkaInvalidationThroughput() {
    }

    /**
     * Runs one pass and prints the figures.
     *
     * @param args optionally the number of records (100,000 by default), then optionally
     *             {@code lettuce} to purge with raw async Lettuce instead of cache-core's binding
     * @throws Exception if the broker, Redis or the run fails, or a key survived its record
     */
    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_RECORDS;
        boolean rawLettuce = args.length > 1 && args[1].equals("lettuce");
        String before = Machine.describe();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             BenchmarkRedis redis = BenchmarkRedis.open("kafka-throughput");
             KafkaSignals kafka = KafkaSignals.create(broker.bootstrapServers());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
             KafkaProducer<String, String> producer = producer(broker)) {
            String topic = broker.createTopic("bench-invalidation", PARTITIONS);
            Region<byte[]> region = redis.cache().region("bench.kafka", RegionOptions.of(Codecs.bytes()));
            Subscription binding = rawLettuce
                    ? kafka.topic(topic).subscribe("bench-lettuce", new LettucePurge(redis, redis.hashOf(region)))
                    : region.invalidateOn(kafka.topic(topic), event -> Invalidation.keys(List.of(event.key())));
            String group = awaitGroupStarted(admin, topic);
            fill(region, records);

            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, key(i), "changed"));
            }
            producer.flush();
            long produced = System.nanoTime();
            Map<TopicPartition, Long> ends = endOffsets(admin, topic);
            awaitCommitted(admin, group, ends);
            long committed = System.nanoTime();
            int left = region.size();
            binding.close();

            double seconds = (committed - start) / 1e9;
            System.out.printf("%n%s%nKafka-driven key invalidation, %,d records on %d partitions, one binding "
                            + "(%s), on %s:%n"
                            + "  %,.0f records/s (first send to last commit: %.2f s; producing took %.2f s)%n"
                            + "  end lag: %.0f ms (last record acknowledged to its commit)%n"
                            + "  keys left in the region after the last commit: %d (must be 0)%n"
                            + "  load average after the run: %s%n",
                    before, records, PARTITIONS, rawLettuce ? "raw async Lettuce HDEL per record, no cache-core"
                            : "RegionCache, Invalidation.keys of the record key", redis.redisUrl(), records / seconds, seconds,
                    (produced - start) / 1e9, (committed - produced) / 1e6, left, Machine.loadAverage());
            if (left != 0) {
                throw new IllegalStateException(left + " keys were still cached after their records were committed");
            }
        }
    }

    /** Purges a record's key with an asynchronous HDEL; the stage completes on Redis's reply. */
    private static final class LettucePurge implements SignalListener {

        private final RedisAsyncCommands<String, byte[]> commands;
        private final String hash;

        LettucePurge(BenchmarkRedis redis, String hash) {
            this.commands = redis.connect().async();
            this.hash = hash;
        }

        @Override
        public void onSignal(SignalEvent event) {
            onSignalAsync(event).toCompletableFuture().join();
        }

        @Override
        public CompletionStage<Void> onSignalAsync(SignalEvent event) {
            return commands.hdel(hash, event.key()).thenApply(removed -> null);
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                // Batches, as a real producer of a busy topic sends them.
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
    }

    private static String key(int i) {
        return "key-" + i;
    }

    private static void fill(Region<byte[]> region, int records) {
        byte[] value = Payloads.random(100);
        Map<String, byte[]> batch = new HashMap<>();
        for (int i = 0; i < records; i++) {
            batch.put(key(i), value);
            if (batch.size() == FILL_BATCH || i == records - 1) {
                region.putAll(batch);
                batch.clear();
            }
        }
        if (region.size() != records) {
            throw new IllegalStateException("filled " + region.size() + " keys, expected " + records);
        }
    }

    /**
     * The binding's consumer group, once it has committed its start on every partition (its possible
     * loss handled), so that no record published from now on can be missed.
     */
    private static String awaitGroupStarted(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (GroupListing listing : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get()) {
                Set<TopicPartition> started = committed(admin, listing.groupId()).keySet().stream()
                        .filter(partition -> partition.topic().equals(topic)).collect(Collectors.toSet());
                if (started.size() == PARTITIONS) {
                    return listing.groupId();
                }
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new IllegalStateException("The binding's consumer group never started on " + topic);
    }

    private static void awaitCommitted(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group);
            if (ends.entrySet().stream().allMatch(end -> committed.containsKey(end.getKey())
                    && committed.get(end.getKey()).offset() >= end.getValue())) {
                return;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new IllegalStateException("Group " + group + " did not commit " + ends + " within " + TIMEOUT);
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group)
            throws ExecutionException, InterruptedException {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : admin.listOffsets(latest).all().get().entrySet()) {
            ends.put(end.getKey(), end.getValue().offset());
        }
        return ends;
    }
}

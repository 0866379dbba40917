package io.regioncache.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.StringCodec;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measurement behind the near cache's choice of default tracking over {@code BCAST}: 1,000
 * region hashes, a reader that read 500 of them, then (1) writes to the 500 it never read and (2)
 * one script deleting all 1,000, as a purge does. Prints, per mode, the keys in Redis's tracking
 * table, the pushes the reader got for each step, and when it had seen every key it held. Run
 * with {@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)"
 * io.regioncache.benchmarks.TrackingModesComparison} after {@code ./bench}'s build; each mode runs
 * twice (the first warms up).
 */
public final class TrackingModesComparison {

    private static final int REGIONS = 1_000;

    private TrackingModesComparison() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        String prefix = "bench:tracking:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        RedisClient client = RedisClient.create(RedisURI.create(BenchmarkRedis.url()));
        try {
            for (String mode : List.of("default", "bcast", "default", "bcast")) {
                System.out.println(measure(client, prefix, mode));
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            TestRedis.deleteKeys(BenchmarkRedis.url(), prefix);
        }
    }

    private static String measure(RedisClient client, String prefix, String mode) {
        try (StatefulRedisConnection<String, String> reader = client.connect(StringCodec.UTF8);
             StatefulRedisConnection<String, String> writer = client.connect(StringCodec.UTF8)) {
            AtomicLong pushes = new AtomicLong();
            AtomicLong keys = new AtomicLong();
            reader.addListener((PushMessage message) -> {
                if ("invalidate".equals(message.getType())) {
                    pushes.incrementAndGet();
                    Object invalidated = message.getContent().get(1);
                    keys.addAndGet(invalidated instanceof List ? ((List<?>) invalidated).size() : 0);
                }
            });
            reader.sync().clientTracking(mode.equals("bcast") ? TrackingArgs.Builder.enabled().bcast().prefixes(prefix)
                    : TrackingArgs.Builder.enabled());
            String[] hashes = new String[REGIONS];
            for (int i = 0; i < REGIONS; i++) {
                hashes[i] = prefix + "region" + i;
                writer.sync().hset(hashes[i], "k", "v");
            }
            for (int i = 0; i < REGIONS / 2; i++) {
                reader.sync().hget(hashes[i], "k");
            }
            String trackedKeys = writer.sync().info("stats").lines().filter(line -> line.startsWith("tracking_total_keys"))
                    .findFirst().orElse("tracking_total_keys:?").split(":")[1].trim();
            pushes.set(0);
            for (int i = REGIONS / 2; i < REGIONS; i++) {
                writer.sync().hset(hashes[i], "k", "w");
            }
            reader.sync().ping();
            long pushesForUnread = pushes.getAndSet(0);
            keys.set(0);
            long start = System.nanoTime();
            writer.sync().eval("for _, key in ipairs(KEYS) do redis.call('DEL', key) end return 1", ScriptOutputType.INTEGER, hashes);
            long deadline = start + TimeUnit.SECONDS.toNanos(2);
            while (keys.get() < REGIONS / 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            reader.sync().ping();
            return String.format(Locale.ROOT, "%-7s tracking_total_keys=%s (all clients), pushes for %d writes to unread regions=%d, "
                    + "purge of %d: %d pushes naming %d keys, every held key seen after %d us", mode, trackedKeys, REGIONS / 2,
                    pushesForUnread, REGIONS, pushes.get(), keys.get(), micros);
        }
    }
}

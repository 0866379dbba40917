package io.regioncache.benchmarks;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.regioncache.Codecs;
import io.regioncache.Invalidation;
import io.regioncache.Region;
import io.regioncache.RegionOptions;
import io.regioncache.signals.Subscription;
import io.regioncache.signals.redis.streams.RedisStreamSignals;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Case 7: how many stream events per second a binding applies. A region is bound to a stream with
 * a rule that invalidates the event's key; each invocation XADDs {@value #BATCH} events (pipelined
 * on one connection, without waiting), the last one naming a key that was put before, and waits
 * until that key is gone. One subscription reads and applies entries in stream order, so by then
 * every event of the batch has been applied (each a purge script) and acknowledged.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class StreamThroughputBenchmark {

    private static final int BATCH = 1_000;
    private static final String LAST = "last";
    private static final long APPLY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final byte[] value = Payloads.random(100);
    private BenchmarkRedis redis;
    private RedisStreamSignals signals;
    private Region<byte[]> region;
    private Subscription binding;
    private RedisAsyncCommands<String, byte[]> publisher;
    private RedisCommands<String, byte[]> observer;
    private String stream;
    private String hash;

    @Setup(Level.Trial)
    public void bind() {
        redis = BenchmarkRedis.open("stream-throughput");
        stream = redis.prefix() + "events";
        signals = RedisStreamSignals.create(redis.redisUrl());
        region = redis.cache().region("bench.throughput", RegionOptions.of(Codecs.bytes()));
        hash = redis.hashOf(region);
        binding = region.invalidateOn(signals.stream(stream), event -> Invalidation.keys(List.of(event.key())));
        publisher = redis.connect().async();
        observer = redis.connect().sync();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void applyBatch() {
        region.put(LAST, value);
        for (int i = 1; i < BATCH; i++) {
            publisher.xadd(stream, event("key-" + i));
        }
        publisher.xadd(stream, event(LAST));
        long deadline = System.nanoTime() + APPLY_TIMEOUT_NANOS;
        while (observer.hexists(hash, LAST)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("A batch of " + BATCH + " stream events was not applied within 30 s");
            }
        }
    }

    @TearDown(Level.Trial)
    public void unbind() {
        try {
            binding.close();
            signals.close();
        } finally {
            redis.close();
        }
    }

    private static Map<String, byte[]> event(String key) {
        return Map.of(RedisStreamSignals.KEY_FIELD, key.getBytes(StandardCharsets.UTF_8));
    }
}

package io.regioncache.benchmarks;

import io.lettuce.core.api.sync.RedisCommands;
import io.regioncache.Codecs;
import io.regioncache.Region;
import io.regioncache.RegionOptions;
import io.regioncache.signals.Subscription;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Case 6: from raising a signal to the bound region's data being gone, as another Redis client
 * sees it. Each sample puts an entry (untimed), fires one event, then polls HEXISTS on its own
 * connection until the entry is gone; a sample therefore includes one final poll round trip.
 * SampleTime mode records every sample, so the table shows their p50 and p99.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SignalToPurgeBenchmark {

    private static final String KEY = "cached";
    private static final long PURGE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long BINDING_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int PROBES_IN_A_ROW = 3;

    @Param({"local", "guava", "redis-pubsub", "redis-streams", "kafka"})
    public String transport;

    private final byte[] value = Payloads.random(100);
    private BenchmarkRedis redis;
    private SignalSource source;
    private Region<byte[]> region;
    private Subscription binding;
    private RedisCommands<String, byte[]> observer;
    private String hash;

    @Setup(Level.Trial)
    public void bind() {
        redis = BenchmarkRedis.open("signal-" + transport);
        source = SignalSource.open(transport, redis);
        region = redis.cache().region("bench.signal", RegionOptions.of(Codecs.bytes()));
        hash = redis.hashOf(region);
        observer = redis.connect().sync();
        binding = region.invalidateOn(source.signal());
        awaitLiveBinding();
    }

    @Setup(Level.Invocation)
    public void cacheEntry() {
        region.put(KEY, value);
    }

    @Benchmark
    public void signalToPurge() {
        source.fire();
        if (!purgedBefore(System.nanoTime() + PURGE_TIMEOUT_NANOS)) {
            throw new IllegalStateException("A " + transport + " signal did not purge " + hash + " within 10 s");
        }
    }

    @TearDown(Level.Trial)
    public void unbind() {
        try {
            binding.close();
            source.close();
        } finally {
            redis.close();
        }
    }

    /**
     * Transports subscribe asynchronously (a Kafka consumer group takes seconds to get its
     * partitions), so events are fired until several in a row purge the region.
     */
    private void awaitLiveBinding() {
        long deadline = System.nanoTime() + BINDING_TIMEOUT_NANOS;
        int purgedInARow = 0;
        while (purgedInARow < PROBES_IN_A_ROW) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("A " + transport + " signal never purged " + hash + " within 60 s");
            }
            region.put(KEY, value);
            source.fire();
            purgedInARow = purgedBefore(System.nanoTime() + TimeUnit.SECONDS.toNanos(1)) ? purgedInARow + 1 : 0;
        }
    }

    private boolean purgedBefore(long deadlineNanos) {
        while (observer.hexists(hash, KEY)) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
        }
        return true;
    }
}

package io.regioncache.benchmarks;

import io.regioncache.Codecs;
import io.regioncache.Region;
import io.regioncache.RegionOptions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Case 11: from a write by process B (a cache without a near cache) to process A's near cache no
 * longer serving the old value. Each sample first makes A hold the current value near (untimed),
 * then B puts a new one and A reads until it sees it: the sample includes B's write round trip and
 * A's refill round trip, so it bounds the notification delay from above. SampleTime records every
 * sample for p50 and p99.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class NearInvalidationDelayBenchmark {

    private static final String KEY = "written";
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private BenchmarkRedis redis;
    private Region<String> nearA;
    private Region<String> writerB;
    private long version;

    @Setup(Level.Trial)
    public void open() {
        redis = BenchmarkRedis.open("near-delay");
        writerB = redis.cache().region("bench.near", RegionOptions.of(Codecs.utf8()));
        nearA = redis.nearCache().region("bench.near", RegionOptions.of(Codecs.utf8()));
    }

    @Setup(Level.Invocation)
    public void holdCurrentValueNear() {
        String current = Long.toString(version);
        writerB.put(KEY, current);
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        long nearHits;
        do {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("A never served " + current + " from its near cache");
            }
            nearHits = redis.nearCache().stats().nearHits();
        } while (!current.equals(nearA.get(KEY)) || redis.nearCache().stats().nearHits() == nearHits);
    }

    @Benchmark
    public void writeToNearInvalidation() {
        String next = Long.toString(++version);
        writerB.put(KEY, next);
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!next.equals(nearA.get(KEY))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("A's near cache still served the old value of " + KEY + " after 10 s");
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        redis.close();
    }
}

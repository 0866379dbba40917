package io.regioncache.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Redis cases share: a share of the Redis under test, released after the trial, and the
 * default settings of a latency case (subclasses override what differs). {@link BenchmarkSuite}
 * runs each region-cache / baseline pair twice in opposite orders, so each side's figure comes
 * from two forks of 3 warmup and 5 measured one-second iterations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public abstract class RedisBenchmark {

    /** A 100-byte value, the size of the write and mixed cases. */
    protected final byte[] value = Payloads.random(100);
    protected BenchmarkRedis redis;

    /** Opens this trial's share of the Redis; {@link #release()} deletes its keys. */
    protected final BenchmarkRedis open(String caseName) {
        redis = BenchmarkRedis.open(caseName);
        return redis;
    }

    @TearDown
    public void release() {
        redis.close();
    }
}

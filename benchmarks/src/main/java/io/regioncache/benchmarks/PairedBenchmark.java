package io.regioncache.benchmarks;

import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * A case whose goal is a ratio near 1 between region-cache and a raw baseline. Both sides run in
 * the same JVM and take turns by iteration: measured iterations 1, 3, 5... run the region-cache
 * side, 2, 4, 6... the baseline (warmup iterations alternate the same way). Iterations are short
 * (100 ms) and many, so each pair of adjacent iterations sees nearly the same background load,
 * which on a small shared machine swings several-fold from one second to the next. The benchmark method is named {@code <regionSide>Vs<BaselineSide>};
 * {@link BenchmarkSuite} splits its iteration scores into the two sides' figures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 40, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 100, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
@State(Scope.Benchmark)
public abstract class PairedBenchmark {

    /** A 100-byte value, the size of the write, mixed and getOrCompute cases. */
    protected final byte[] value = Payloads.random(100);
    protected BenchmarkRedis redis;
    private volatile boolean regionTurn;
    private int warmupIterations;
    private int measuredIterations;

    /** Opens this trial's share of the Redis; {@link #release()} deletes its keys. */
    protected final BenchmarkRedis open(String caseName) {
        redis = BenchmarkRedis.open(caseName);
        return redis;
    }

    /** Odd iterations of each kind belong to region-cache, even ones to the baseline. */
    @Setup(Level.Iteration)
    public void takeTurns(IterationParams iteration) {
        int index = iteration.getType() == IterationType.WARMUP ? ++warmupIterations : ++measuredIterations;
        regionTurn = index % 2 == 1;
    }

    /** Whether this iteration measures region-cache (else the baseline). */
    protected final boolean regionTurn() {
        return regionTurn;
    }

    /** Deletes this trial's keys, if it opened a share of the Redis (an in-memory case does not). */
    @TearDown
    public void release() {
        if (redis != null) {
            redis.close();
        }
    }
}

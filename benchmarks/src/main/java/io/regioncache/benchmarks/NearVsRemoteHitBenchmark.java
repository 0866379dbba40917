package io.regioncache.benchmarks;

import io.regioncache.Codecs;
import io.regioncache.Region;
import io.regioncache.RegionOptions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Case 10: a near-cache hit against a remote hit of the same value, one cache with a near cache
 * and one without over the same Redis data. Not paired: the two differ by orders of magnitude,
 * and the goal is a speed-up, the remote time over the near time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class NearVsRemoteHitBenchmark {

    private static final String KEY = "hit";

    private final byte[] value = Payloads.random(100);
    private BenchmarkRedis redis;
    private Region<byte[]> near;
    private Region<byte[]> remote;

    @Setup
    public void setUp() {
        redis = BenchmarkRedis.open("near-vs-remote");
        remote = redis.cache().region("bench.near", RegionOptions.of(Codecs.bytes()));
        remote.put(KEY, value);
        near = redis.nearCache().region("bench.near", RegionOptions.of(Codecs.bytes()));
        NearCacheWarmth.awaitNearHit(redis.nearCache(), near, KEY, value);
    }

    @Benchmark
    public byte[] nearGet() {
        return near.get(KEY);
    }

    @Benchmark
    public byte[] remoteGet() {
        return remote.get(KEY);
    }

    @TearDown
    public void release() {
        redis.close();
    }
}

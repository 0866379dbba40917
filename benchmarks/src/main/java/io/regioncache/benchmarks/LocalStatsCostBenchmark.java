package io.regioncache.benchmarks;

import io.regioncache.Codecs;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.RegionOptions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Case 8, without the network: a hit on the in-memory store costs well under a microsecond, so the
 * counting a remote hit hides in its round trip shows here at nanosecond resolution. Two in-memory
 * caches, stats on and off, take turns reading the same value.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 40, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 100, time = 100, timeUnit = TimeUnit.MILLISECONDS)
public class LocalStatsCostBenchmark extends PairedBenchmark {

    private static final String KEY = "hit";

    private RegionCache withStats;
    private RegionCache withoutStats;
    private Region<byte[]> counted;
    private Region<byte[]> uncounted;

    @Setup
    public void setUp() {
        withStats = RegionCache.builder().inMemory().build();
        withoutStats = RegionCache.builder().inMemory().recordStats(false).build();
        counted = withStats.region("bench.stats", RegionOptions.of(Codecs.bytes()));
        uncounted = withoutStats.region("bench.stats", RegionOptions.of(Codecs.bytes()));
        counted.put(KEY, value);
        uncounted.put(KEY, value);
    }

    @Benchmark
    public byte[] localStatsOnGetVsLocalStatsOffGet() {
        return regionTurn() ? counted.get(KEY) : uncounted.get(KEY);
    }

    @TearDown
    public void closeCaches() {
        withStats.close();
        withoutStats.close();
    }
}

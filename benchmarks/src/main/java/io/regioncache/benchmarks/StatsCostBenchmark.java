package io.regioncache.benchmarks;

import io.regioncache.Codecs;
import io.regioncache.FailurePolicy;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.RegionOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Case 8: what counting stats costs on a remote hit. Two caches on the same data, one
 * built with {@code recordStats(true)} (the default), one with {@code recordStats(false)}, take
 * turns reading the same 100 B field.
 */
public class StatsCostBenchmark extends PairedBenchmark {

    private static final String KEY = "hit";

    private Region<byte[]> counted;
    private Region<byte[]> uncounted;
    private RegionCache withoutStats;

    @Setup
    public void setUp() {
        open("stats");
        counted = redis.cache().region("bench.stats", RegionOptions.of(Codecs.bytes()));
        counted.put(KEY, value);
        withoutStats = RegionCache.builder().redisUrl(redis.redisUrl()).keyPrefix(redis.prefix())
                .failurePolicy(FailurePolicy.RAISE).recordStats(false).build();
        uncounted = withoutStats.region("bench.stats", RegionOptions.of(Codecs.bytes()));
        if (uncounted.get(KEY) == null) {
            throw new IllegalStateException("The two caches do not share the data: not a hit benchmark");
        }
    }

    @Benchmark
    public byte[] statsOnGetVsStatsOffGet() {
        return regionTurn() ? counted.get(KEY) : uncounted.get(KEY);
    }

    @TearDown
    public void closeUncounted() {
        withoutStats.close();
    }
}

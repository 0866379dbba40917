package io.regioncache.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.regioncache.Codecs;
import io.regioncache.Region;
import io.regioncache.RegionOptions;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * Case 10: a near-cache hit against a raw Caffeine {@code getIfPresent} of a cache of the same
 * size: what the near cache adds to the map it is built on (the key of region and field, the
 * sequence checks, the stats). Nanoseconds; both sides return the same bytes.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NearHitBenchmark extends PairedBenchmark {

    private static final String KEY = "hit";

    private Region<byte[]> near;
    private Cache<String, byte[]> caffeine;

    @Setup
    public void setUp() {
        open("near-hit");
        near = redis.nearCache().region("bench.near", RegionOptions.of(Codecs.bytes()));
        near.put(KEY, value);
        caffeine = Caffeine.newBuilder().maximumSize(10_000).build();
        caffeine.put(KEY, value);
        NearCacheWarmth.awaitNearHit(redis.nearCache(), near, KEY, value);
        if (!Arrays.equals(caffeine.getIfPresent(KEY), value)) {
            throw new IllegalStateException("The Caffeine baseline does not hold the value");
        }
    }

    @Benchmark
    public byte[] nearGetVsCaffeineGetIfPresent() {
        return regionTurn() ? near.get(KEY) : caffeine.getIfPresent(KEY);
    }
}

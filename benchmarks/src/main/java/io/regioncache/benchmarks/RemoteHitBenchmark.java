package io.regioncache.benchmarks;

import io.lettuce.core.api.sync.RedisCommands;
import io.regioncache.Codecs;
import io.regioncache.Region;
import io.regioncache.RegionOptions;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Case 1: a remote hit. {@code Region.get} against a synchronous Lettuce HGET of the same field of
 * the same hash. The region uses the bytes codec so that both sides return the stored bytes: the
 * ratio is the library's own cost, not a serializer's.
 */
public class RemoteHitBenchmark extends PairedBenchmark {

    private static final String KEY = "hit";

    @Param({"100", "10240"})
    public int valueBytes;

    private Region<byte[]> region;
    private RedisCommands<String, byte[]> lettuce;
    private String hash;

    @Setup
    public void setUp() {
        open("hit");
        region = redis.cache().region("bench.hit", RegionOptions.of(Codecs.bytes()));
        byte[] stored = Payloads.random(valueBytes);
        region.put(KEY, stored);
        hash = redis.hashOf(region);
        lettuce = redis.connect().sync();
        if (!Arrays.equals(region.get(KEY), stored) || !Arrays.equals(lettuce.hget(hash, KEY), stored)) {
            throw new IllegalStateException("The stored value does not read back from " + hash + ": not a hit benchmark");
        }
    }

    @Benchmark
    public byte[] regionGetVsLettuceHget() {
        return regionTurn() ? region.get(KEY) : lettuce.hget(hash, KEY);
    }
}

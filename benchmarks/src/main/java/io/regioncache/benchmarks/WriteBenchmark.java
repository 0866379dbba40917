package io.regioncache.benchmarks;

import io.regioncache.Codecs;
import io.regioncache.Region;
import io.regioncache.RegionOptions;
import java.time.Duration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Case 2: a write to a region with a timeout. {@code Region.put} (one atomic script: the entry, the
 * ancestors' child links, the TTL) against raw HSET + PEXPIRE of the same field, pipelined in one
 * round trip.
 */
public class WriteBenchmark extends PairedBenchmark {

    static final Duration TTL = Duration.ofMinutes(10);
    private static final String KEY = "written";

    private Region<byte[]> region;
    private LettuceBaseline lettuce;
    private String hash;

    @Setup
    public void setUp() {
        open("write");
        region = redis.cache().region("bench.write", RegionOptions.of(Codecs.bytes()).withTimeout(TTL));
        hash = redis.hashOf(region);
        lettuce = LettuceBaseline.pipelined(redis, TTL);
    }

    @Benchmark
    public void regionPutVsLettuceHsetExpire() {
        if (regionTurn()) {
            region.put(KEY, value);
        } else {
            lettuce.write(hash, KEY, value);
        }
    }
}

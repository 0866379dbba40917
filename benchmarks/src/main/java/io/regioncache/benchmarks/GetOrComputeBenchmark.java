package io.regioncache.benchmarks;

import io.lettuce.core.api.sync.RedisCommands;
import io.regioncache.Codecs;
import io.regioncache.Region;
import io.regioncache.RegionOptions;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * Case 5: {@code getOrCompute} on a miss (every call asks for a new key), against the naive
 * cache-aside on raw Lettuce: HGET, the loader, HSET + PEXPIRE in one round trip. The difference is
 * what the stale-write guard costs: the generation tokens, read in the HGET's round trip (sent
 * together with it), and checked by the write's script. Both sides take two round trips; the goal
 * is at most 1.25x.
 */
public class GetOrComputeBenchmark extends PairedBenchmark {

    private final Supplier<byte[]> loader = () -> value;
    private Region<byte[]> region;
    private LettuceBaseline lettuce;
    private RedisCommands<String, byte[]> commands;
    private String lettuceHash;
    private long nextKey;

    @Setup
    public void setUp() {
        open("compute");
        region = redis.cache().region("bench.compute",
                RegionOptions.of(Codecs.bytes()).withTimeout(WriteBenchmark.TTL));
        lettuceHash = redis.prefix() + "lettuce.compute";
        lettuce = LettuceBaseline.pipelined(redis, WriteBenchmark.TTL);
        commands = redis.connect().sync();
    }

    /** Keeps the hashes small: each iteration starts from empty ones. */
    @Setup(Level.Iteration)
    public void empty() {
        region.invalidate();
        commands.del(lettuceHash);
    }

    @Benchmark
    public byte[] regionGetOrComputeVsLettuceGetLoadWrite() {
        String key = "k" + nextKey++;
        if (regionTurn()) {
            return region.getOrCompute(key, loader);
        }
        byte[] cached = lettuce.hget(lettuceHash, key);
        if (cached != null) {
            return cached;
        }
        byte[] loaded = loader.get();
        lettuce.write(lettuceHash, key, loaded);
        return loaded;
    }
}

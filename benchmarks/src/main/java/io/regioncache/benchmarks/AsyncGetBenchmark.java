package io.regioncache.benchmarks;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.regioncache.AsyncRegion;
import io.regioncache.Codecs;
import io.regioncache.Region;
import io.regioncache.RegionOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * Case 7: one thread keeps {@value #IN_FLIGHT} gets in flight through {@code
 * AsyncRegion.get}, against the same number of async Lettuce HGETs on one connection of its own;
 * each invocation issues them all, then waits for all. 100 keys of 100 B, bytes codec on both sides.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AsyncGetBenchmark extends PairedBenchmark {

    static final int IN_FLIGHT = 1_000;
    private static final int KEYS = 100;

    private final String[] keys = new String[KEYS];
    private final CompletableFuture<?>[] inFlight = new CompletableFuture<?>[IN_FLIGHT];
    private AsyncRegion<byte[]> region;
    private RedisAsyncCommands<String, byte[]> lettuce;
    private String hash;

    @Setup
    public void setUp() {
        open("async");
        Region<byte[]> blocking = redis.cache().region("bench.async", RegionOptions.of(Codecs.bytes()));
        Map<String, byte[]> entries = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "k" + i;
            entries.put(keys[i], value);
        }
        blocking.putAll(entries);
        region = blocking.async();
        hash = redis.hashOf(blocking);
        lettuce = redis.connect().async();
    }

    @Benchmark
    @OperationsPerInvocation(IN_FLIGHT)
    public void regionAsyncGetVsLettuceAsyncHget() {
        boolean regionTurn = regionTurn();
        for (int i = 0; i < IN_FLIGHT; i++) {
            String key = keys[i % KEYS];
            inFlight[i] = regionTurn ? region.get(key) : lettuce.hget(hash, key).toCompletableFuture();
        }
        CompletableFuture.allOf(inFlight).join();
    }
}

package io.regioncache.benchmarks;

import io.regioncache.Codecs;
import io.regioncache.FailurePolicy;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.RegionOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Case 12: how many times a hot key is loaded after each purge when 4 processes (caches) of 8
 * threads each read it at once, without a load lease (one load per process, thanks to the
 * in-process single flight) and with one (one load in all), woken by polls alone or also by
 * the near cache's tracking pushes. Each invocation purges the region
 * and releases the 32 readers together; the loader takes 20 ms, as a database query would. The
 * figure is the {@code loadsPerPurge} counter JMH reports beside the time.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 30)
@Fork(1)
@State(Scope.Benchmark)
public class LoadsPerPurgeBenchmark {

    private static final int PROCESSES = 4;
    private static final int THREADS = 8;
    private static final String KEY = "hot";

    /** No lease; a lease with polling only; a lease whose waiters the near cache's pushes also wake. */
    @Param({"none", "lease", "lease-near"})
    public String loadLease;

    private final AtomicLong loads = new AtomicLong();
    private final List<RegionCache> processes = new ArrayList<>();
    private final List<Region<String>> regions = new ArrayList<>();
    private BenchmarkRedis redis;
    private ExecutorService readers;
    private CyclicBarrier start;

    /** The loads of the last invocation, reported per iteration (one purge each). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Loads {
        public long loadsPerPurge;
    }

    @Setup(Level.Trial)
    public void open() {
        redis = BenchmarkRedis.open("loads-per-purge-" + loadLease);
        RegionOptions<String> options = RegionOptions.of(Codecs.utf8());
        if (!loadLease.equals("none")) {
            options = options.withLoadLease(Duration.ofSeconds(2));
        }
        for (int i = 0; i < PROCESSES; i++) {
            RegionCache process = RegionCache.builder().redisUrl(redis.redisUrl()).keyPrefix(redis.prefix())
                    .failurePolicy(FailurePolicy.RAISE).nearCacheSize(loadLease.equals("lease-near") ? 100 : 0).build();
            processes.add(process);
            regions.add(process.region("bench.hot", options));
        }
        readers = Executors.newFixedThreadPool(PROCESSES * THREADS);
        start = new CyclicBarrier(PROCESSES * THREADS);
    }

    @Benchmark
    public void purgeThenReadEverywhere(Loads counted) throws Exception {
        regions.get(0).invalidate();
        long before = loads.get();
        List<Future<String>> reads = new ArrayList<>();
        for (Region<String> region : regions) {
            for (int thread = 0; thread < THREADS; thread++) {
                reads.add(readers.submit(() -> {
                    start.await();
                    return region.getOrCompute(KEY, this::query);
                }));
            }
        }
        for (Future<String> read : reads) {
            read.get(30, TimeUnit.SECONDS);
        }
        counted.loadsPerPurge = loads.get() - before;
    }

    private String query() {
        loads.incrementAndGet();
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return "value";
    }

    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
        readers.shutdown();
        readers.awaitTermination(10, TimeUnit.SECONDS);
        processes.forEach(RegionCache::close);
        redis.close();
    }
}

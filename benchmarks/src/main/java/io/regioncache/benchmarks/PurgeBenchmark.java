package io.regioncache.benchmarks;

import io.regioncache.Codecs;
import io.regioncache.Region;
import io.regioncache.RegionOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
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

/**
 * Case 4: purging 1,000 regions of 100 entries (100k entries). Each iteration writes the data
 * again (untimed) and times one purge, so every purge deletes the full tree.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(1)
public class PurgeBenchmark {

    static final String TOP = "root.bench.purge";
    static final int VALUE_BYTES = 100;

    /** The tree written through the cache, purged by {@code Region.invalidate()}. */
    @State(Scope.Benchmark)
    public static class CacheTree {
        final RegionTree tree = RegionTree.issueShape(TOP);
        final Map<String, byte[]> entries = tree.entries(Payloads.random(VALUE_BYTES));
        BenchmarkRedis redis;
        List<Region<byte[]>> regions;

        @Setup(Level.Trial)
        public void open() {
            redis = BenchmarkRedis.open("purge-cache");
            regions = tree.regions().stream()
                    .map(name -> redis.cache().region(name, RegionOptions.of(Codecs.bytes())))
                    .toList();
        }

        @Setup(Level.Iteration)
        public void fill() {
            regions.forEach(region -> region.putAll(entries));
        }

        @TearDown(Level.Trial)
        public void close() {
            redis.close();
        }
    }

    /** The tree in Python region_cache's layout, purged by the client-side walk. */
    @State(Scope.Benchmark)
    public static class PythonTree {
        final RegionTree tree = RegionTree.issueShape(TOP);
        final byte[] value = Payloads.random(VALUE_BYTES);
        BenchmarkRedis redis;
        PythonRegionWalk walk;

        @Setup(Level.Trial)
        public void open() {
            redis = BenchmarkRedis.open("purge-walk");
            walk = new PythonRegionWalk(redis);
        }

        @Setup(Level.Iteration)
        public void fill() {
            walk.write(tree, value);
        }

        @TearDown(Level.Trial)
        public void close() {
            redis.close();
        }
    }

    /** As many entries as the tree, in one Spring Data Redis cache. */
    @State(Scope.Benchmark)
    public static class SpringEntries {
        final int entries = RegionTree.issueShape(TOP).entryCount();
        final byte[] value = Payloads.random(VALUE_BYTES);
        BenchmarkRedis redis;
        SpringCacheBaseline spring;

        @Setup(Level.Trial)
        public void open() {
            redis = BenchmarkRedis.open("purge-spring");
            spring = new SpringCacheBaseline(redis);
        }

        @Setup(Level.Iteration)
        public void fill() {
            spring.fill(entries, value);
        }

        @TearDown(Level.Trial)
        public void close() {
            try {
                spring.close();
            } finally {
                redis.close();
            }
        }
    }

    @Benchmark
    public void regionInvalidate(CacheTree cache) {
        cache.regions.get(0).invalidate();
    }

    @Benchmark
    public void pythonWalk(PythonTree python) {
        python.walk.invalidate(python.tree.top());
    }

    @Benchmark
    public void springClear(SpringEntries spring) {
        spring.spring.clear();
    }
}

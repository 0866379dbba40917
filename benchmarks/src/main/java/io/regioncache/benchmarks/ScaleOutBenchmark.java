package io.regioncache.benchmarks;

import io.regioncache.Codecs;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.RegionOptions;
import io.regioncache.testsupport.RedisClusterProcesses;
import io.regioncache.testsupport.RedisServerProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One standalone Redis against a Redis Cluster of three masters, both private {@code redis-server}
 * processes started here on loopback: a purge of a 1,000-region subtree (one script either way),
 * {@code clear()} of 30 top-level subtrees (one script on a standalone Redis; a fence plus 30
 * scripts in parallel across the masters on the cluster), and a 90/10 get/put mix over 30
 * top-level regions from 4 threads. On one 2-core machine the three masters share the cores with
 * the client, so the cluster rows show the client's extra cost, not Redis' scaling.
 */
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
public class ScaleOutBenchmark {

    static final int TOP_LEVEL = 30;
    static final int VALUE_BYTES = 100;

    /** The servers and one cache on them. */
    @State(Scope.Benchmark)
    public static class Servers {
        @Param({"standalone", "cluster"})
        public String topology;
        RedisServerProcess single;
        RedisClusterProcesses cluster;
        RegionCache cache;

        @Setup(Level.Trial)
        public void start() {
            String url;
            if (topology.equals("cluster")) {
                cluster = RedisClusterProcesses.start();
                url = cluster.seedsUrl();
            } else {
                single = RedisServerProcess.start();
                url = single.url();
            }
            cache = RegionCache.builder().redisUrl(url).build();
        }

        @TearDown(Level.Trial)
        public void stop() {
            cache.close();
            if (cluster != null) {
                cluster.close();
            }
            if (single != null) {
                single.close();
            }
        }

        Region<byte[]> region(String name) {
            return cache.region(name, RegionOptions.of(Codecs.bytes()));
        }
    }

    /** A 1,000-region tree of 100 entries each under one top-level region, written again before each purge. */
    @State(Scope.Benchmark)
    public static class Subtree {
        final RegionTree tree = RegionTree.issueShape("root.bench.purge");
        final Map<String, byte[]> entries = tree.entries(Payloads.random(VALUE_BYTES));
        List<Region<byte[]>> regions;

        @Setup(Level.Iteration)
        public void fill(Servers servers) {
            if (regions == null) {
                regions = tree.regions().stream().map(servers::region).toList();
            }
            regions.forEach(region -> region.putAll(entries));
        }
    }

    /** 30 top-level regions, each with 10 children of 100 entries, written again before each clear(). */
    @State(Scope.Benchmark)
    public static class TopLevelSubtrees {
        final Map<String, byte[]> entries = new RegionTree("unused", 0, 0, 100).entries(Payloads.random(VALUE_BYTES));
        List<Region<byte[]>> regions;

        @Setup(Level.Iteration)
        public void fill(Servers servers) {
            if (regions == null) {
                regions = IntStream.range(0, TOP_LEVEL).boxed()
                        .flatMap(top -> IntStream.range(0, 10).mapToObj(child -> "t" + top + ".c" + child))
                        .map(servers::region).toList();
            }
            regions.forEach(region -> region.putAll(entries));
        }
    }

    /** 30 top-level regions of 100 keys each, for the mix. */
    @State(Scope.Benchmark)
    public static class MixRegions {
        final byte[] value = Payloads.random(VALUE_BYTES);
        List<Region<byte[]>> regions;

        @Setup(Level.Trial)
        public void fill(Servers servers) {
            regions = IntStream.range(0, TOP_LEVEL).mapToObj(top -> servers.region("mix" + top)).toList();
            for (Region<byte[]> region : regions) {
                for (int key = 0; key < 100; key++) {
                    region.put("k" + key, value);
                }
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void purgeSubtreeOf1000Regions(Subtree subtree) {
        subtree.regions.get(0).invalidate();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void clear30TopLevelSubtrees(Servers servers, TopLevelSubtrees subtrees) {
        servers.cache.clear();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(4)
    public Object mix90GetsTo10Puts(MixRegions mix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Region<byte[]> region = mix.regions.get(random.nextInt(TOP_LEVEL));
        String key = "k" + random.nextInt(100);
        if (random.nextInt(10) == 0) {
            region.put(key, mix.value);
            return null;
        }
        return region.get(key);
    }
}

package io.regioncache.benchmarks;

import io.regioncache.Region;
import io.regioncache.jcache.RegionCachingProvider;
import java.net.URI;
import java.util.Arrays;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the JCache adapter costs on a remote hit: {@code Cache.get} of the JCache provider against
 * {@code Region.get} of the library, both reading a 100 B value stored through Java serialization
 * (the JCache side's only codec, and the region's default), so the ratio is the adapter's own
 * work: the key's field, the expiry check of the stored entry, statistics-free bookkeeping.
 */
public class JCacheGetBenchmark extends PairedBenchmark {

    private static final String KEY = "hit";

    private RegionCachingProvider provider;
    private Cache<String, byte[]> jcache;
    private Region<Object> region;

    @Setup
    public void setUp() {
        open("jcache");
        provider = new RegionCachingProvider();
        jcache = provider.getCacheManager(URI.create(redis.redisUrl() + "?prefix=" + redis.prefix()), null)
                .createCache("bench.jcache", new MutableConfiguration<String, byte[]>());
        jcache.put(KEY, value);
        region = redis.cache().region("bench.region");
        region.put(KEY, value);
        if (!Arrays.equals(jcache.get(KEY), value) || !Arrays.equals((byte[]) region.get(KEY), value)) {
            throw new IllegalStateException("The stored values do not read back: not a hit benchmark");
        }
    }

    @Benchmark
    public Object jcacheGetVsRegionGet() {
        return regionTurn() ? jcache.get(KEY) : region.get(KEY);
    }

    @TearDown
    public void closeProvider() {
        provider.close();
    }
}

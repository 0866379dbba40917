package io.regioncache.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.regioncache.FailurePolicy;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.UUID;

/**
 * One benchmark's share of the Redis under test ({@code REGION_CACHE_URL}, default
 * {@code redis://127.0.0.1:6379}): a key prefix nobody else uses, a {@link RegionCache} with that
 * prefix, and raw Lettuce connections with the same codec as the cache (String keys, byte[] values). {@link #close()} deletes exactly the
 * keys under that prefix: the Redis is shared, so it is never flushed.
 */
final class BenchmarkRedis implements AutoCloseable {

    static final String URL_VARIABLE = "REGION_CACHE_URL";
    static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final String url;
    private final String prefix;
    private final RedisClient client;
    private RegionCache cache;
    private RegionCache nearCache;

    private BenchmarkRedis(String url, String prefix) {
        this.url = url;
        this.prefix = prefix;
        this.client = RedisClient.create(RedisURI.create(url));
    }

    /** Opens a share of the Redis under test named after the case, such as {@code "bench:hit:5f1c2a0b:"}. */
    static BenchmarkRedis open(String caseName) {
        return open(url(), caseName);
    }

    static BenchmarkRedis open(String redisUrl, String caseName) {
        return new BenchmarkRedis(redisUrl, "bench:" + caseName + ":" + UUID.randomUUID().toString().substring(0, 8) + ":");
    }

    static String url() {
        String configured = System.getenv(URL_VARIABLE);
        return configured == null || configured.isBlank() ? DEFAULT_URL : configured;
    }

    String redisUrl() {
        return url;
    }

    String prefix() {
        return prefix;
    }

    /**
     * The cache under test, on this share's key prefix; created on first use, closed by {@link #close()}.
     * It fails with RAISE: under DEGRADE a failed command would be a fast miss or a dropped write,
     * and the benchmark would time that instead of the work.
     */
    RegionCache cache() {
        if (cache == null) {
            cache = RegionCache.builder().redisUrl(url).keyPrefix(prefix).failurePolicy(FailurePolicy.RAISE).build();
        }
        return cache;
    }

    /**
     * A second cache on this share, with a near cache of {@code 10,000} entries (RAISE, as {@link
     * #cache()}); created on first use, closed by {@link #close()}.
     */
    RegionCache nearCache() {
        if (nearCache == null) {
            nearCache = RegionCache.builder().redisUrl(url).keyPrefix(prefix).failurePolicy(FailurePolicy.RAISE)
                    .nearCacheSize(10_000).build();
        }
        return nearCache;
    }

    /** The Redis key of a region's hash, for the raw baseline working on the same data. */
    String hashOf(Region<?> region) {
        return prefix + region.name();
    }

    /** A connection that sends each command as soon as it is issued; closed by {@link #close()}. */
    StatefulRedisConnection<String, byte[]> connect() {
        return client.connect(CODEC);
    }

    /**
     * A connection that buffers commands until {@code flushCommands()}, the way a redis-py pipeline
     * does: a baseline's pipelined commands leave in one write. Use it from one thread only.
     */
    StatefulRedisConnection<String, byte[]> connectPipelined() {
        StatefulRedisConnection<String, byte[]> connection = client.connect(CODEC);
        connection.setAutoFlushCommands(false);
        return connection;
    }

    @Override
    public void close() {
        try {
            if (cache != null) {
                cache.close();
            }
            if (nearCache != null) {
                nearCache.close();
            }
            TestRedis.deleteKeys(url, prefix);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}

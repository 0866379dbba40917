package io.regioncache.benchmarks;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.cache.RedisCacheWriter.RedisCacheWriterConfigurer;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Spring Data Redis's cache, the second baseline of case 4: default settings (non-locking writer,
 * KEYS-then-DEL clean) except {@code immediateWrites()}. Spring Data Redis 4 on Lettuce otherwise
 * writes asynchronously, and {@code RedisCache.clear()} returns before a single key is deleted, so
 * timing it would time nothing. Spring keeps each entry in its own string key
 * {@code <prefix><cache name>::<key>}, so a cache of as many entries as the region tree is purged
 * by {@code clear()}.
 */
final class SpringCacheBaseline implements AutoCloseable {

    static final String CACHE_NAME = "purge";
    private static final int MSET_BATCH = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String keyPrefix;
    private final LettuceConnectionFactory connectionFactory;
    private final Cache cache;
    private final StatefulRedisConnection<String, byte[]> pipelineConnection;

    SpringCacheBaseline(BenchmarkRedis redis) {
        this.keyPrefix = redis.prefix() + CACHE_NAME + "::";
        this.connectionFactory = new LettuceConnectionFactory(
                LettuceConnectionFactory.createRedisConfiguration(redis.redisUrl()));
        connectionFactory.afterPropertiesSet();
        RedisCacheWriter writer = RedisCacheWriter.create(connectionFactory, RedisCacheWriterConfigurer::immediateWrites);
        RedisCacheManager manager = RedisCacheManager.builder(writer)
                .cacheDefaults(RedisCacheConfiguration.defaultCacheConfig()
                        .computePrefixWith(name -> redis.prefix() + name + "::"))
                .build();
        manager.afterPropertiesSet();
        this.cache = manager.getCache(CACHE_NAME);
        this.pipelineConnection = redis.connectPipelined();
    }

    /** Writes {@code count} entries straight into Spring's layout (pipelined MSET, not timed). */
    void fill(int count, byte[] value) {
        RedisAsyncCommands<String, byte[]> pipeline = pipelineConnection.async();
        List<RedisFuture<String>> writes = new ArrayList<>();
        Map<String, byte[]> batch = new HashMap<>();
        for (int i = 0; i < count; i++) {
            batch.put(keyPrefix + "e" + i, value);
            if (batch.size() == MSET_BATCH || i == count - 1) {
                writes.add(pipeline.mset(batch));
                batch = new HashMap<>();
            }
        }
        pipelineConnection.flushCommands();
        if (!LettuceFutures.awaitAll(TIMEOUT, writes.toArray(RedisFuture[]::new))) {
            throw new IllegalStateException("Redis did not store " + count + " Spring cache entries in " + TIMEOUT);
        }
    }

    /** The measured operation: Spring's purge of the whole cache. */
    void clear() {
        cache.clear();
    }

    /** The key pattern of this cache's entries, for checks. */
    String keyPattern() {
        return keyPrefix + "*";
    }

    @Override
    public void close() {
        connectionFactory.destroy();
    }
}

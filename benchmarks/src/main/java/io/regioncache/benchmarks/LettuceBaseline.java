package io.regioncache.benchmarks;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What a hand-written cache on raw Lettuce would send for one region hash: HGET for a read, and
 * HSET + PEXPIRE in one round trip for a write. The region-cache side of each case is compared
 * with these commands.
 */
final class LettuceBaseline {

    private static final long TIMEOUT_SECONDS = 5;

    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisAsyncCommands<String, byte[]> commands;
    private final boolean pipelined;
    private final long ttlMillis;

    private LettuceBaseline(StatefulRedisConnection<String, byte[]> connection, boolean pipelined, Duration ttl) {
        this.connection = connection;
        this.commands = connection.async();
        this.pipelined = pipelined;
        this.ttlMillis = ttl.toMillis();
    }

    /**
     * For one thread: commands are buffered and flushed together, so a write's two commands leave in
     * one socket write, the cheapest way Lettuce can send them.
     */
    static LettuceBaseline pipelined(BenchmarkRedis redis, Duration ttl) {
        return new LettuceBaseline(redis.connectPipelined(), true, ttl);
    }

    /** For many threads: one multiplexed connection, as the cache uses, each command sent at once. */
    static LettuceBaseline shared(BenchmarkRedis redis, Duration ttl) {
        return new LettuceBaseline(redis.connect(), false, ttl);
    }

    byte[] hget(String hash, String field) {
        RedisFuture<byte[]> value = commands.hget(hash, field);
        flush();
        return LettuceFutures.awaitOrCancel(value, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void write(String hash, String field, byte[] value) {
        RedisFuture<Boolean> set = commands.hset(hash, field, value);
        RedisFuture<Boolean> expire = commands.pexpire(hash, ttlMillis);
        flush();
        LettuceFutures.awaitOrCancel(set, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LettuceFutures.awaitOrCancel(expire, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private void flush() {
        if (pipelined) {
            connection.flushCommands();
        }
    }
}

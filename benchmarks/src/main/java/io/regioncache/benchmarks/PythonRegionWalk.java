package io.regioncache.benchmarks;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Python region_cache purge, re-implemented as the baseline of case 4. Python's
 * {@code Region.invalidate} asks Redis for each region's children (one SMEMBERS round trip per
 * region, on the read connection), recurses, and queues {@code DEL name} on a pipeline that is
 * executed once at the end. Like Python, it deletes the regions' hashes and leaves their
 * {@code ::child_caches} sets in place. Also writes trees in the same layout.
 */
final class PythonRegionWalk {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String prefix;
    private final RedisCommands<String, byte[]> reads;
    private final StatefulRedisConnection<String, byte[]> pipelineConnection;
    private final RedisAsyncCommands<String, byte[]> pipeline;

    PythonRegionWalk(BenchmarkRedis redis) {
        this.prefix = redis.prefix();
        this.reads = redis.connect().sync();
        this.pipelineConnection = redis.connectPipelined();
        this.pipeline = pipelineConnection.async();
    }

    /** Writes every region's hash and its link in the parent's child set, pipelined. */
    void write(RegionTree tree, byte[] value) {
        List<RedisFuture<?>> writes = new ArrayList<>();
        for (String region : tree.regions()) {
            writes.add(pipeline.hset(prefix + region, tree.entries(value)));
            int dot = region.lastIndexOf('.');
            if (!region.equals(tree.top())) {
                writes.add(pipeline.sadd(prefix + region.substring(0, dot) + "::child_caches",
                        region.getBytes(StandardCharsets.UTF_8)));
            }
        }
        execute(writes);
    }

    /** Purges {@code region} and its descendants the way Python's {@code Region.invalidate} does. */
    void invalidate(String region) {
        List<RedisFuture<?>> deletes = new ArrayList<>();
        queueDeletes(region, deletes);
        execute(deletes);
    }

    private void queueDeletes(String region, List<RedisFuture<?>> deletes) {
        for (byte[] child : reads.smembers(prefix + region + "::child_caches")) {
            queueDeletes(new String(child, StandardCharsets.UTF_8), deletes);
        }
        deletes.add(pipeline.del(prefix + region));
    }

    private void execute(List<RedisFuture<?>> commands) {
        pipelineConnection.flushCommands();
        if (!LettuceFutures.awaitAll(TIMEOUT, commands.toArray(RedisFuture[]::new))) {
            throw new IllegalStateException("Redis did not answer " + commands.size() + " pipelined commands in " + TIMEOUT);
        }
    }
}

package io.regioncache;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.concurrent.TimeUnit;

/**
 * The commands of one made connection: {@link #writes()} to the master (or the masters of a
 * cluster), for writes, scripts and the generation reads that fence loads; {@link #reads()} for
 * plain reads, which go to a replica when one is configured. A read that fails on the replica
 * sends the reads of the next {@link #REPLICA_PAUSE_NANOS} back to the master, so that a dead or
 * silent replica costs one failed read, not one per read.
 */
final class RedisLink {

    static final long REPLICA_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final RedisClusterAsyncCommands<String, byte[]> writes;
    /** Null when reads go to the master. */
    private final RedisClusterAsyncCommands<String, byte[]> replicaReads;
    private final boolean cluster;
    private volatile long replicaDownSinceNanos;
    private volatile boolean replicaDown;

    RedisLink(RedisClusterAsyncCommands<String, byte[]> writes, RedisClusterAsyncCommands<String, byte[]> replicaReads,
              boolean cluster) {
        this.writes = writes;
        this.replicaReads = replicaReads;
        this.cluster = cluster;
    }

    RedisClusterAsyncCommands<String, byte[]> writes() {
        return writes;
    }

    /** The replica's commands, unless there is none or it failed in the last few seconds: the master's. */
    RedisClusterAsyncCommands<String, byte[]> reads() {
        if (replicaReads == null) {
            return writes;
        }
        if (replicaDown && System.nanoTime() - replicaDownSinceNanos < REPLICA_PAUSE_NANOS) {
            return writes;
        }
        return replicaReads;
    }

    /** Whether {@code commands} are the replica's, which a failed read then pauses. */
    boolean isReplica(RedisClusterAsyncCommands<String, byte[]> commands) {
        return replicaReads != null && commands == replicaReads;
    }

    void replicaFailed() {
        replicaDownSinceNanos = System.nanoTime();
        replicaDown = true;
    }

    /** Whether this is a Redis Cluster, whose keys follow {@link RedisKeyLayout#cluster}. */
    boolean cluster() {
        return cluster;
    }
}

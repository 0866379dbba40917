package io.regioncache.cli;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.regioncache.RegionCache;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The CLI's connection to Redis, on each topology the library supports: {@link StandaloneSession}
 * for one server or the master a Sentinel names, {@link ClusterSession} for a Redis Cluster. The
 * commands see only the command interfaces a standalone and a cluster connection share
 * ({@link RedisClusterCommands}); on a cluster each command goes to the master of its key's slot.
 */
interface RedisSession extends AutoCloseable {

    /** How long one command or one pipelined batch may take: a purge of a large tree is one long script. */
    Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Connects to {@code url} as the library would: several seeds ({@code redis://h1:p1,h2:p2}) are a
     * cluster, a {@code redis-sentinel://} URL the master its Sentinels name, and a single server
     * that reports {@code cluster_enabled:1} a seed of its cluster.
     *
     * @throws IllegalArgumentException if the URL is malformed (the message never shows the password)
     * @throws RedisUnavailableException if Redis cannot be reached or refuses the credentials
     */
    static RedisSession open(String url) {
        // The library's own parser, through its public API: it rejects what the library would (a
        // bad seed included) and redacts the password from its complaint.
        RegionCache.builder().redisUrl(url);
        List<RedisURI> seeds = ClusterSeeds.parse(url);
        if (seeds.size() > 1) {
            return ClusterSession.connect(seeds);
        }
        StandaloneSession standalone = StandaloneSession.connect(seeds.get(0));
        if (!seeds.get(0).getSentinels().isEmpty() || !standalone.isClusterNode()) {
            return standalone;
        }
        standalone.close();
        return ClusterSession.connect(seeds);
    }

    /** Blocking commands; on a cluster, each goes to the master of its key's slot. */
    RedisClusterCommands<String, byte[]> commands();

    /** Blocking commands for each master, for server settings such as notify-keyspace-events. */
    List<RedisClusterCommands<String, byte[]>> masters();

    /** Whether the keys carry the cluster's hash tags ({@link RegionLayout}). */
    boolean cluster();

    /**
     * Runs {@code queue} with asynchronous commands that are sent together in one write when it
     * returns (a pipeline); the caller waits for the futures it kept with {@link #await}.
     */
    void pipeline(Consumer<RedisClusterAsyncCommands<String, byte[]>> queue);

    /**
     * Subscribes to keyspace notifications on channels matching {@code patterns} (PSUBSCRIBE
     * globs, without the {@code __keyspace@<db>__:} part, which this session adds), and returns
     * once the subscription is active. {@code listener} gets each key and event name on the
     * client's I/O thread, so it must not block.
     */
    AutoCloseable subscribeKeyspace(List<String> patterns, BiConsumer<String, String> listener);

    /** Where the session is connected, never credentials. */
    String display();

    @Override
    void close();

    /** Runs {@code queue} with {@code connection}'s writes held back, then sends them in one flush. */
    static void pipeline(StatefulConnection<?, ?> connection, Runnable queue) {
        connection.setAutoFlushCommands(false);
        try {
            queue.run();
        } finally {
            connection.flushCommands();
            connection.setAutoFlushCommands(true);
        }
    }

    /** What a keyspace notification's channel starts with before the key. */
    static String keyspaceChannelPrefix(int database) {
        return "__keyspace@" + database + "__:";
    }

    /** The value of a pipelined command, failing as the blocking command would. */
    static <T> T await(RedisFuture<T> future) {
        try {
            return future.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new io.lettuce.core.RedisCommandTimeoutException("Command timed out after " + COMMAND_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.lettuce.core.RedisCommandInterruptedException(e);
        }
    }
}

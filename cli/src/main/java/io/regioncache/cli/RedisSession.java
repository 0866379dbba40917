package io.regioncache.cli;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
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
 * The CLI's connection to Redis. The commands see only the command interfaces that a standalone
 * connection and a Cluster connection share ({@link RedisClusterCommands}), so that Cluster and
 * Sentinel sessions can be added as further implementations of this interface without touching
 * the commands; today there is {@link StandaloneSession}, as the library itself supports
 * standalone Redis.
 */
interface RedisSession extends AutoCloseable {

    /** How long one command or one pipelined batch may take: a purge of a large tree is one long script. */
    Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Connects to {@code url}.
     *
     * @throws IllegalArgumentException if the URL is malformed (the message never shows the password)
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached or refuses the credentials
     */
    static RedisSession open(String url) {
        // The library's own parser, through its public API: it rejects what the library would and
        // redacts the password from its complaint.
        RegionCache.builder().redisUrl(url);
        return StandaloneSession.connect(RedisURI.create(url));
    }

    /** Blocking commands. */
    RedisClusterCommands<String, byte[]> commands();

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

    /** {@code scheme://host:port/db}, never credentials. */
    String display();

    @Override
    void close();

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

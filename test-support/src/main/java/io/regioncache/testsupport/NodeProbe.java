package io.regioncache.testsupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Asks the fixtures' own redis-server processes about their state, and waits on what they answer.
 * One Lettuce client serves a fixture for its whole life, so that polling opens a connection per
 * question but never a new event loop; {@link #close()} shuts it down.
 */
final class NodeProbe implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final RedisClient client = RedisClient.create();
    /** The password the servers ask for, once they ask for one. */
    private volatile String password;

    /** What the server on {@code port} answers to {@code work}; throws if it cannot be reached. */
    <T> T ask(int port, Function<RedisCommands<String, String>, T> work) {
        try (StatefulRedisConnection<String, String> connection = client.connect(uri(port))) {
            return work.apply(connection.sync());
        }
    }

    /** What the Sentinel on {@code port} answers to {@code work}; throws if it cannot be reached. */
    <T> T askSentinel(int port, Function<RedisSentinelCommands<String, String>, T> work) {
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(uri(port))) {
            return work.apply(connection.sync());
        }
    }

    /** The value of {@code field} in the {@code INFO section} of the server on {@code port}, or null. */
    String info(int port, String section, String field) {
        return field(ask(port, redis -> redis.info(section)), field);
    }

    /** The value of {@code name} in Redis's {@code name:value} lines (INFO, CLUSTER INFO), or null. */
    static String field(String lines, String name) {
        return lines.lines()
                .filter(line -> line.startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).trim())
                .findFirst().orElse(null);
    }

    /**
     * Polls {@code condition} (an exception counts as not yet, since a server may be starting or
     * failing over) until it holds; after {@code atMost} fails with {@code what} and {@code where},
     * which should say where to look (the servers' logs).
     */
    static void await(String what, Duration atMost, Callable<Boolean> condition, Supplier<String> where) {
        try {
            Awaitility.await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(POLL_INTERVAL)
                    .ignoreExceptions().until(condition);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Waited " + atMost.toSeconds() + " s for " + what + " in vain; see "
                    + where.get(), e);
        }
    }

    /** From now on, authenticates with {@code password}, which the servers now ask for. */
    void authenticateWith(String password) {
        this.password = password;
    }

    private RedisURI uri(int port) {
        RedisURI.Builder uri = RedisURI.Builder.redis("127.0.0.1", port).withTimeout(COMMAND_TIMEOUT);
        String current = password;
        if (current != null) {
            uri.withPassword(current.toCharArray());
        }
        return uri.build();
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}

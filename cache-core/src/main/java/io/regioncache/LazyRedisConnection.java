package io.regioncache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One multiplexed Lettuce connection, made at start or, if Redis is unreachable then, on first use
 * (at most one attempt per second, counted from the end of the failed one, so that an outage does
 * not turn every read into a connect). Only one caller connects at a time; the others fail fast
 * rather than wait behind it, so DEGRADE reads stay misses instead of connect timeouts.
 * Once made, Lettuce reconnects it by itself; while it is disconnected commands are rejected at
 * once rather than queued, so DEGRADE reads fail fast instead of waiting out the timeout.
 */
final class LazyRedisConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LazyRedisConnection.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    static final String CLIENT_NAME = "region-cache";
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String display;
    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    /** Guards the fields below; held for a whole connect attempt. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile RedisCommands<String, byte[]> commands;
    private StatefulRedisConnection<String, byte[]> connection;
    private long nextAttemptNanos;
    /** The last attempt's configuration error, repeated until the next attempt: never an outage. */
    private RegionCacheException misconfiguration;
    private boolean closed;

    LazyRedisConnection(RedisURI uri, Duration commandTimeout) {
        this.display = RedisUrls.display(uri);
        this.uri = uri;
        uri.setTimeout(commandTimeout);
        if (uri.getClientName() == null) {
            // Lets operators tell the cache's connections apart in CLIENT LIST.
            uri.setClientName(CLIENT_NAME);
        }
        // Reconnect attempts back off to at most 1 s (Lettuce's default is 30 s): a cache should
        // come back soon after Redis does.
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
                .build());
    }

    String display() {
        return display;
    }

    /**
     * @throws CacheUnavailableException if there is no connection and one cannot be made now
     * @throws IllegalStateException     if closed
     */
    RedisCommands<String, byte[]> commands() {
        RedisCommands<String, byte[]> current = commands;
        return current != null ? current : connect();
    }

    /**
     * @throws CacheUnavailableException if another caller is connecting now, if the last attempt
     *                                   failed less than 1 s ago, or if Redis does not answer
     * @throws RegionCacheException      if Redis answers but refuses the URL's settings (password,
     *                                   user, database, TLS): a configuration error
     * @throws IllegalStateException     if closed
     */
    RedisCommands<String, byte[]> connect() {
        if (!lock.tryLock()) {
            throw new CacheUnavailableException("Redis at " + display + " is not connected yet; a connect is in progress");
        }
        try {
            if (closed) {
                throw new IllegalStateException("The RegionCache is closed");
            }
            if (commands != null) {
                return commands;
            }
            if (System.nanoTime() - nextAttemptNanos < 0) {
                if (misconfiguration != null) {
                    throw new RegionCacheException(misconfiguration.getMessage(), misconfiguration);
                }
                throw new CacheUnavailableException("Redis at " + display + " is unreachable; connecting again within 1 s");
            }
            try {
                connection = connectOnceMore();
                commands = connection.sync();
                misconfiguration = null;
                LOG.debug("Connected to Redis at {}", display);
                return commands;
            } catch (RedisException e) {
                // Measured after the failure: an attempt that took the whole timeout must not
                // let the next caller start another one at once.
                nextAttemptNanos = System.nanoTime() + RETRY_NANOS;
                misconfiguration = ConnectFailures.misconfiguration(uri, display, e).orElse(null);
                if (misconfiguration != null) {
                    throw misconfiguration;
                }
                throw new CacheUnavailableException("Cannot connect to Redis at " + display + ": " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Connects, once more if the first attempt ended with the channel closed during the
     * handshake: Lettuce reports a handshake the server refused (WRONGPASS) that way now and then
     * (about once in 250 attempts here), when the channel closes before the refusal is recorded,
     * and a configuration error must not pass for an outage.
     */
    private StatefulRedisConnection<String, byte[]> connectOnceMore() {
        try {
            return client.connect(CODEC, uri);
        } catch (RedisConnectionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if ("Connection closed prematurely".equals(cause.getMessage())) {
                    return client.connect(CODEC, uri);
                }
            }
            throw e;
        }
    }

    /** Waits for a connect in progress (at most the connect timeout), then closes. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            commands = null;
            if (connection != null) {
                connection.close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        } finally {
            lock.unlock();
        }
    }
}

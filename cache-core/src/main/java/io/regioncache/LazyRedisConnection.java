package io.regioncache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One multiplexed Lettuce connection, made at start or, if Redis is unreachable then, on first use
 * (at most one attempt per second, counted from the end of the failed one, so that an outage does
 * not turn every read into a connect). Connecting never blocks the caller: one caller's operation
 * waits on the connect's future, the others fail fast rather than queue behind it, so DEGRADE
 * reads stay misses instead of connect timeouts. A Redis that answers but refuses the URL's
 * settings is a configuration error ({@link RegionCacheException}, see {@link ConnectFailures}),
 * repeated until the next attempt, never an outage. Once made, Lettuce reconnects it by itself;
 * while it is disconnected commands are rejected at once rather than queued, so DEGRADE reads
 * fail fast instead of waiting out the timeout.
 *
 * <p>Runs on lent {@link ClientResources}, which it never shuts down, or else on the JVM's {@link
 * SharedClientResources}, which it gives back on close.
 */
final class LazyRedisConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LazyRedisConnection.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    static final String CLIENT_NAME = "region-cache";
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String display;
    private final RedisURI uri;
    private final Duration commandTimeout;
    private final boolean lentResources;
    private final RedisClient client;
    private volatile RedisAsyncCommands<String, byte[]> commands;
    /** The fields below are guarded by {@code this}. */
    private StatefulRedisConnection<String, byte[]> connection;
    private CompletableFuture<RedisAsyncCommands<String, byte[]>> connecting;
    private long nextAttemptNanos;
    /** The last attempt's configuration error, repeated until the next attempt: never an outage. */
    private RegionCacheException misconfiguration;
    private boolean closed;
    private final List<ScheduledFuture<?>> periodic = new ArrayList<>();

    /**
     * @param lent     the application's resources, or null to use the shared ones
     * @param tracking told of each connect and disconnect and of the connection's pushes, or null
     *                 for a cache without a near cache
     */
    LazyRedisConnection(RedisURI uri, Duration commandTimeout, ClientResources lent, ClientTracking tracking) {
        this.display = RedisUrls.display(uri);
        this.uri = uri;
        this.commandTimeout = commandTimeout;
        uri.setTimeout(commandTimeout);
        if (uri.getClientName() == null) {
            // Lets operators tell the cache's connections apart in CLIENT LIST.
            uri.setClientName(CLIENT_NAME);
        }
        this.lentResources = lent != null;
        this.client = RedisClient.create(lent != null ? lent : SharedClientResources.acquire());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
                .build());
        if (tracking != null) {
            client.addListener(tracking);
        }
    }

    /**
     * A future completed after {@code time} on the client's event executors (owned by the client
     * resources, so no thread of its own), for polls that must not busy-wait.
     */
    CompletableFuture<Void> after(Duration time) {
        CompletableFuture<Void> elapsed = new CompletableFuture<>();
        client.getResources().eventExecutorGroup().schedule(() -> elapsed.complete(null), time.toNanos(), TimeUnit.NANOSECONDS);
        return elapsed;
    }

    /**
     * Runs {@code task} every {@code period} on the client's event executors until {@link
     * #close()}.
     */
    void every(Duration period, Runnable task) {
        ScheduledFuture<?> scheduled = client.getResources().eventExecutorGroup()
                .scheduleAtFixedRate(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        synchronized (this) {
            if (closed) {
                scheduled.cancel(false);
            } else {
                periodic.add(scheduled);
            }
        }
    }

    String display() {
        return display;
    }

    /** The connection's commands, or null while there is no connection (the fast path of a read). */
    RedisAsyncCommands<String, byte[]> connected() {
        return commands;
    }

    /**
     * The connection's commands, connecting first if there is no connection yet. Never blocks.
     *
     * @return a future that fails with {@link CacheUnavailableException} if there is no connection
     *         and one cannot be made now
     * @throws IllegalStateException if closed
     */
    CompletableFuture<RedisAsyncCommands<String, byte[]>> commands() {
        RedisAsyncCommands<String, byte[]> current = commands;
        return current != null ? CompletableFuture.completedFuture(current) : connect();
    }

    /**
     * Starts a connect unless one is in progress or the last one failed less than 1 s ago.
     *
     * @return a future that fails with {@link CacheUnavailableException} if another caller is
     *         connecting now, if the last attempt failed less than 1 s ago, or if Redis does not
     *         answer; with {@link RegionCacheException} if Redis answers but refuses the URL's
     *         settings (password, user, database, TLS): a configuration error
     * @throws IllegalStateException if closed
     */
    synchronized CompletableFuture<RedisAsyncCommands<String, byte[]>> connect() {
        if (closed) {
            throw new IllegalStateException("The RegionCache is closed");
        }
        if (commands != null) {
            return CompletableFuture.completedFuture(commands);
        }
        if (connecting != null) {
            return CompletableFuture.failedFuture(
                    new CacheUnavailableException("Redis at " + display + " is not connected yet; a connect is in progress"));
        }
        if (System.nanoTime() - nextAttemptNanos < 0) {
            if (misconfiguration != null) {
                return CompletableFuture.failedFuture(new RegionCacheException(misconfiguration.getMessage(), misconfiguration));
            }
            return CompletableFuture.failedFuture(
                    new CacheUnavailableException("Redis at " + display + " is unreachable; connecting again within 1 s"));
        }
        // Handled off the I/O thread: telling a misconfiguration from an outage may probe the
        // server (ConnectFailures), which must not block an event loop.
        CompletableFuture<RedisAsyncCommands<String, byte[]>> attempt = connectOnceMore().handleAsync(this::connected);
        if (!attempt.isDone()) { // a connect that failed at once has already run connected()
            connecting = attempt;
        }
        return attempt;
    }

    /**
     * Connects now, waiting at most the command timeout; for the cache's constructor, never for an
     * I/O thread.
     *
     * @throws CacheUnavailableException if Redis cannot be reached
     * @throws RegionCacheException      if Redis answers but refuses the URL's settings
     */
    void connectNow() {
        // A safety net only: each connect has its own timeout, and there are at most two of them
        // plus a probe of ConnectFailures, which waits as long as a command may.
        Duration bound = commandTimeout.multipliedBy(3).plusSeconds(2);
        try {
            connect().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                    : new CacheUnavailableException("Cannot connect to Redis at " + display, e.getCause());
        } catch (TimeoutException e) {
            throw new CacheUnavailableException("Cannot connect to Redis at " + display + ": no answer within "
                    + bound.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheUnavailableException("Interrupted while connecting to Redis at " + display, e);
        }
    }

    /**
     * Connects, once more if the first attempt ended with the channel closed during the
     * handshake: Lettuce reports a handshake the server refused (WRONGPASS) that way now and then
     * (about once in 250 attempts), when the channel closes before the refusal is recorded, and a
     * configuration error must not pass for an outage.
     */
    private CompletableFuture<StatefulRedisConnection<String, byte[]>> connectOnceMore() {
        return client.connectAsync(CODEC, uri).toCompletableFuture().exceptionallyCompose(failure -> {
            Throwable first = FailureGuard.unwrap(failure);
            if (first instanceof RedisConnectionException) {
                for (Throwable cause = first.getCause(); cause != null; cause = cause.getCause()) {
                    if ("Connection closed prematurely".equals(cause.getMessage())) {
                        return client.connectAsync(CODEC, uri).toCompletableFuture();
                    }
                }
            }
            return CompletableFuture.failedFuture(first);
        });
    }

    private synchronized RedisAsyncCommands<String, byte[]> connected(StatefulRedisConnection<String, byte[]> made,
                                                                        Throwable failure) {
        connecting = null;
        if (failure != null) {
            // Measured after the failure: an attempt that took the whole timeout must not let
            // the next caller start another one at once.
            nextAttemptNanos = System.nanoTime() + RETRY_NANOS;
            Throwable cause = FailureGuard.unwrap(failure);
            misconfiguration = cause instanceof RedisException
                    ? ConnectFailures.misconfiguration(uri, display, (RedisException) cause).orElse(null) : null;
            if (misconfiguration != null) {
                throw misconfiguration;
            }
            throw new CacheUnavailableException("Cannot connect to Redis at " + display + ": " + cause.getMessage(), cause);
        }
        misconfiguration = null;
        if (closed) {
            made.closeAsync();
            throw new IllegalStateException("The RegionCache is closed");
        }
        connection = made;
        commands = made.async();
        LOG.debug("Connected to Redis at {}", display);
        return commands;
    }

    /**
     * Waits for a connect in progress (at most the connect timeout), closes the connection and the
     * client, and gives back the shared resources; lent ones are left running.
     */
    @Override
    public void close() {
        CompletableFuture<RedisAsyncCommands<String, byte[]>> inProgress;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            commands = null;
            periodic.forEach(task -> task.cancel(false));
            inProgress = connecting;
        }
        if (inProgress != null) {
            // Outside the lock: the attempt's own completion takes it.
            inProgress.handle((made, failure) -> null).completeOnTimeout(null, commandTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .join();
        }
        StatefulRedisConnection<String, byte[]> made;
        synchronized (this) {
            made = connection;
        }
        try {
            if (made != null) {
                made.close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } finally {
            if (!lentResources) {
                SharedClientResources.release();
            }
        }
    }
}

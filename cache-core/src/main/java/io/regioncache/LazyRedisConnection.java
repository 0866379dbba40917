package io.regioncache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.lettuce.core.protocol.ConnectionIntent;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's connection to Redis, made at start or, if Redis is unreachable then, on first use
 * (at most one attempt per second, counted from the end of the failed one, so that an outage does
 * not turn every read into a connect). Connecting never blocks the caller: one caller's operation
 * waits on the connect's future, the others fail fast rather than queue behind it, so DEGRADE
 * reads stay misses instead of connect timeouts. A Redis that answers but refuses the URL's
 * settings is a configuration error ({@link RegionCacheException}, see {@link ConnectFailures}),
 * repeated until the next attempt, never an outage. Once made, Lettuce reconnects it by itself;
 * while it is disconnected commands are rejected at once rather than queued, so DEGRADE reads
 * fail fast instead of waiting out the timeout.
 *
 * <p>What it connects to is read from the URL and from the server: several seeds are a Redis
 * Cluster (Lettuce's cluster client, which follows MOVED and ASK and refreshes its view of the
 * slots periodically and whenever a node redirects or drops); a single URL that reaches a node
 * with {@code cluster_enabled:1} is taken as a seed of its cluster; a {@code redis-sentinel://}
 * URL follows the master Sentinel names ({@link MasterReplica}); anything else is one multiplexed
 * connection. Plain reads may go to a second connection (see {@link RedisLink}).
 *
 * <p>Runs on lent {@link ClientResources}, which it never shuts down, or else on the JVM's {@link
 * SharedClientResources}, which it gives back on close.
 */
final class LazyRedisConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LazyRedisConnection.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    static final String CLIENT_NAME = "region-cache";
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How often the cluster client reads the slots again even when nothing made it look. */
    private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(10);

    private final String display;
    private final List<RedisURI> seeds;
    private final RedisURI readReplica;
    private final ReadFrom readFrom;
    private final Duration commandTimeout;
    private final boolean lentResources;
    private final ClientResources resources;
    private final RedisClient client;
    private final ClientTracking tracking;
    private volatile RedisLink link;
    /** The fields below are guarded by {@code this}. */
    private RedisClusterClient clusterClient;
    private final List<StatefulConnection<String, byte[]>> open = new ArrayList<>();
    private CompletableFuture<RedisLink> connecting;
    private long nextAttemptNanos;
    /** The last attempt's configuration error, repeated until the next attempt: never an outage. */
    private RegionCacheException misconfiguration;
    private boolean closed;
    private final List<ScheduledFuture<?>> periodic = new ArrayList<>();

    /**
     * @param seeds       one server (or Sentinel URL), or several cluster seeds
     * @param readReplica a replica of a standalone master to send plain reads to, or null
     * @param readFrom    where plain reads go on a cluster or behind Sentinel, or null for the masters
     * @param lent        the application's resources, or null to use the shared ones
     * @param tracking    told of each connect and disconnect and of the connection's pushes, or null
     *                    for a cache without a near cache
     */
    LazyRedisConnection(List<RedisURI> seeds, RedisURI readReplica, ReadFrom readFrom, Duration commandTimeout,
                        ClientResources lent, ClientTracking tracking) {
        this.display = RedisUrls.display(seeds);
        this.seeds = seeds;
        this.readReplica = readReplica;
        this.readFrom = readFrom;
        this.commandTimeout = commandTimeout;
        this.tracking = tracking;
        seeds.forEach(this::configure);
        if (readReplica != null) {
            configure(readReplica);
        }
        this.lentResources = lent != null;
        this.resources = lent != null ? lent : SharedClientResources.acquire();
        this.client = RedisClient.create(resources);
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

    private void configure(RedisURI uri) {
        uri.setTimeout(commandTimeout);
        resolvedNow(uri);
        uri.getSentinels().forEach(LazyRedisConnection::resolvedNow);
        if (uri.getClientName() == null) {
            // Lets operators tell the cache's connections apart in CLIENT LIST.
            uri.setClientName(CLIENT_NAME);
        }
    }

    /**
     * Gives {@code uri} credentials that Lettuce can read at once. A URL's password comes as
     * credentials to resolve, which Lettuce's handshake resolves on a pool thread, so the server's
     * refusal may be handled on that thread rather than the channel's event loop. Lettuce's
     * {@code RedisHandshakeHandler} then closes the channel from there and records the refusal in
     * a listener of that close, which the event loop runs only after the channel's inactive event:
     * the handshake fails first as "Connection closed prematurely" (about twice in a hundred
     * refused handshakes on a two-core machine), which reads as an outage. Read at once, the
     * handshake stays on the event loop, where the close's listener runs before the inactive event
     * (and no thread is started for each handshake where the common pool has a single thread). The
     * other way Lettuce loses a refusal is left to {@link HandshakeProbe}.
     */
    private static void resolvedNow(RedisURI uri) {
        RedisCredentialsProvider credentials = uri.getCredentialsProvider();
        if (!(credentials instanceof RedisCredentialsProvider.ImmediateRedisCredentialsProvider)) {
            // A URL's credentials are there already: taken without blocking, which a caller on a
            // reactive (non-blocking) thread could not do.
            RedisCredentials known = credentials.resolveCredentials().toFuture().getNow(null);
            if (known != null) {
                uri.setCredentialsProvider(new StaticCredentialsProvider(known));
            }
        }
    }

    /**
     * A future completed after {@code time} on the client's event executors (owned by the client
     * resources, so no thread of its own), for polls that must not busy-wait.
     */
    CompletableFuture<Void> after(Duration time) {
        CompletableFuture<Void> elapsed = new CompletableFuture<>();
        resources.eventExecutorGroup().schedule(() -> elapsed.complete(null), time.toNanos(), TimeUnit.NANOSECONDS);
        return elapsed;
    }

    /**
     * Runs {@code task} every {@code period} on the client's event executors until {@link
     * #close()}.
     */
    void every(Duration period, Runnable task) {
        ScheduledFuture<?> scheduled = resources.eventExecutorGroup()
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

    /** The connection, or null while there is none (the fast path of a read). */
    RedisLink connected() {
        return link;
    }

    /**
     * The connection, connecting first if there is none yet. Never blocks.
     *
     * @return a future that fails with {@link CacheUnavailableException} if there is no connection
     *         and one cannot be made now
     * @throws IllegalStateException if closed
     */
    CompletableFuture<RedisLink> commands() {
        RedisLink current = link;
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
    synchronized CompletableFuture<RedisLink> connect() {
        if (closed) {
            throw new IllegalStateException("The RegionCache is closed");
        }
        if (link != null) {
            return CompletableFuture.completedFuture(link);
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
        CompletableFuture<RedisLink> attempt = open().handleAsync(this::connected);
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
        // A safety net only: each connect has its own timeout, and there are at most three of them
        // plus, after a failure, a probe of the server (ConnectFailures or HandshakeProbe), each of
        // whose steps waits as long as a command may.
        Duration bound = commandTimeout.multipliedBy(4).plusSeconds(2);
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

    /** Makes the connection the URL and the server call for. */
    private CompletableFuture<RedisLink> open() {
        if (seeds.size() > 1) {
            return openCluster();
        }
        RedisURI uri = seeds.get(0);
        if (!uri.getSentinels().isEmpty()) {
            return openSentinel(uri);
        }
        CompletableFuture<StatefulRedisConnection<String, byte[]>> connected =
                client.connectAsync(CODEC, uri).toCompletableFuture();
        return connected.thenCompose(made -> isClusterNode(made).thenCompose(cluster -> {
            if (!cluster) {
                remember(made);
                return withReplica(made.async());
            }
            made.closeAsync();
            if (tracking != null) {
                LOG.warn("Redis at {} is a cluster node: the near cache stays off on a Redis Cluster", display);
            }
            return openCluster();
        }));
    }

    /** {@code INFO cluster}; a server that refuses INFO (an ACL without it) is taken as standalone. */
    private static CompletableFuture<Boolean> isClusterNode(StatefulRedisConnection<String, byte[]> made) {
        return made.async().info("cluster").toCompletableFuture()
                .handle((info, failure) -> {
                    if (failure != null && !(FailureGuard.unwrap(failure) instanceof RedisCommandExecutionException)) {
                        made.closeAsync();
                        throw new CompletionException(FailureGuard.unwrap(failure));
                    }
                    return failure == null && info.contains("cluster_enabled:1");
                });
    }

    /** Plain reads to the static replica, if there is one and it answers; else to the master. */
    private CompletableFuture<RedisLink> withReplica(RedisAsyncCommands<String, byte[]> master) {
        if (readReplica == null) {
            return CompletableFuture.completedFuture(new RedisLink(master, null, false));
        }
        return client.connectAsync(CODEC, readReplica).toCompletableFuture().handle((replica, failure) -> {
            if (failure != null) {
                LOG.warn("The read replica at {} does not answer ({}): reads go to the master at {} until the cache "
                        + "reconnects", RedisUrls.display(readReplica), FailureGuard.unwrap(failure).getMessage(), display);
                return new RedisLink(master, null, false);
            }
            remember(replica);
            return new RedisLink(master, replica.async(), false);
        });
    }

    private CompletableFuture<RedisLink> openSentinel(RedisURI uri) {
        CompletableFuture<StatefulRedisMasterReplicaConnection<String, byte[]>> master =
                MasterReplica.connectAsync(client, CODEC, uri);
        return master.thenCompose(made -> {
            remember(made);
            if (readFrom == null) {
                return CompletableFuture.completedFuture(new RedisLink(made.async(), null, false));
            }
            return MasterReplica.connectAsync(client, CODEC, uri).thenApply(reading -> {
                remember(reading);
                reading.setReadFrom(readFrom);
                return new RedisLink(made.async(), reading.async(), false);
            });
        });
    }

    private CompletableFuture<RedisLink> openCluster() {
        RedisClusterClient cluster = clusterClient();
        // The async connect needs the slots read first (the blocking one reads them itself).
        CompletableFuture<StatefulRedisClusterConnection<String, byte[]>> writing = cluster.refreshPartitionsAsync()
                .toCompletableFuture().thenCompose(read -> connectToEveryNode(cluster));
        return writing.thenCompose(made -> {
            if (readFrom == null) {
                return CompletableFuture.completedFuture(new RedisLink(made.async(), null, true));
            }
            return connectToEveryNode(cluster).thenApply(reading -> {
                reading.setReadFrom(readFrom);
                return new RedisLink(made.async(), reading.async(), true);
            });
        });
    }

    /**
     * A cluster connection with its connection to each node made now rather than on the first
     * command for that node: commands are rejected while a node's connection is not up (so that
     * an outage fails fast), which would otherwise fail the first commands to each node. A node
     * that does not answer now is left to be connected on use.
     */
    private CompletableFuture<StatefulRedisClusterConnection<String, byte[]>> connectToEveryNode(RedisClusterClient cluster) {
        return cluster.connectAsync(CODEC).thenCompose(made -> {
            remember(made);
            List<CompletableFuture<?>> nodes = new ArrayList<>();
            for (RedisClusterNode node : cluster.getPartitions()) {
                for (ConnectionIntent intent : ConnectionIntent.values()) {
                    nodes.add(made.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort(), intent)
                            .handle((ready, failure) -> null));
                }
            }
            return CompletableFuture.allOf(nodes.toArray(CompletableFuture[]::new)).thenApply(all -> made);
        });
    }

    private synchronized RedisClusterClient clusterClient() {
        if (clusterClient == null) {
            clusterClient = RedisClusterClient.create(resources, seeds);
            clusterClient.setOptions(ClusterClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                    .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
                    // Periodic for what no command sees; adaptive (MOVED, ASK, a node that keeps
                    // refusing reconnects, a slot or node the client does not know: every trigger
                    // is on by Lettuce's default) so that a promoted replica is used within seconds.
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                            .refreshTriggersReconnectAttempts(1)
                            .build())
                    .build());
        }
        return clusterClient;
    }

    private synchronized void remember(StatefulConnection<String, byte[]> made) {
        open.add(made);
    }

    private RedisLink connected(RedisLink made, Throwable failure) {
        List<StatefulConnection<String, byte[]>> orphans;
        synchronized (this) {
            connecting = null;
            if (failure == null && !closed) {
                misconfiguration = null;
                link = made;
                LOG.debug("Connected to Redis at {}", display);
                return made;
            }
            // A part made before another part failed (or before close) is closed here.
            orphans = new ArrayList<>(open);
            open.clear();
        }
        orphans.forEach(StatefulConnection::closeAsync);
        if (failure == null) {
            throw new IllegalStateException("The RegionCache is closed");
        }
        Throwable cause = FailureGuard.unwrap(failure);
        // Outside the lock: telling a refusal from an outage may ask the server again.
        RegionCacheException refused = cause instanceof RedisException ? misconfiguration((RedisException) cause) : null;
        synchronized (this) {
            // Measured after the failure: an attempt that took the whole timeout must not let
            // the next caller start another one at once.
            nextAttemptNanos = System.nanoTime() + RETRY_NANOS;
            misconfiguration = refused;
        }
        if (refused != null) {
            throw refused;
        }
        throw new CacheUnavailableException("Cannot connect to Redis at " + display + ": " + cause.getMessage(), cause);
    }

    /**
     * The configuration error that {@code failure} shows, or null for an outage. A handshake that
     * Lettuce saw cut off may have been refused ({@link HandshakeProbe}): the seeds are asked
     * again, so that a wrong password is never taken for an outage. Not behind Sentinel, whose
     * seeds are the sentinels, not the servers the credentials are for.
     */
    private RegionCacheException misconfiguration(RedisException failure) {
        RedisURI first = seeds.get(0);
        Optional<RegionCacheException> shown = ConnectFailures.misconfiguration(first, display, failure);
        if (shown.isEmpty() && first.getSentinels().isEmpty() && HandshakeProbe.lostTheAnswer(failure)) {
            shown = HandshakeProbe.refusal(resources, seeds).flatMap(refused -> {
                refused.addSuppressed(failure);
                return ConnectFailures.misconfiguration(first, display, refused);
            });
        }
        return shown.orElse(null);
    }

    /**
     * Waits for a connect in progress (at most the connect timeout), closes the connections and
     * the clients, and gives back the shared resources; lent ones are left running.
     */
    @Override
    public void close() {
        CompletableFuture<RedisLink> inProgress;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            link = null;
            periodic.forEach(task -> task.cancel(false));
            inProgress = connecting;
        }
        if (inProgress != null) {
            // Outside the lock: the attempt's own completion takes it.
            inProgress.handle((made, failure) -> null).completeOnTimeout(null, commandTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .join();
        }
        List<StatefulConnection<String, byte[]>> made;
        RedisClusterClient cluster;
        synchronized (this) {
            made = new ArrayList<>(open);
            open.clear();
            cluster = clusterClient;
        }
        try {
            made.forEach(StatefulConnection::close);
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            if (cluster != null) {
                cluster.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        } finally {
            if (!lentResources) {
                SharedClientResources.release();
            }
        }
    }
}

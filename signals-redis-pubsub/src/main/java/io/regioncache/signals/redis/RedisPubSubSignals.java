package io.regioncache.signals.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import io.regioncache.signals.redis.internal.RedisUrl;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals from Redis pub/sub: a {@link #channel(String) channel} (SUBSCRIBE) or a {@link
 * #pattern(String) pattern} (PSUBSCRIBE) fires for every message published to it.
 *
 * <pre>{@code
 * try (RedisPubSubSignals redis = RedisPubSubSignals.create("redis://127.0.0.1:6379")) {
 *     Subscription binding = region.invalidateOn(redis.channel("prices-changed"));
 *     ...
 * }
 * }</pre>
 *
 * <p>Each instance owns one dedicated Lettuce pub/sub connection, shared by all its channels and
 * patterns: Redis is subscribed to a channel or pattern while at least one listener is, and
 * unsubscribed when the last one leaves. An event's {@link io.regioncache.signals.SignalEvent#key()
 * key} is the channel the message was published to and its payload the message as a UTF-8 String.
 * It works the same on a Redis Cluster and on a master behind Sentinel (see {@link #create(String)}).
 *
 * <p><b>At most once.</b> Redis does not keep pub/sub messages for a disconnected subscriber. When
 * the connection drops, Lettuce reconnects (with backoff, for as long as it takes) and the
 * subscriptions are restored; then every listener gets {@link SignalListener#onPossibleLoss(String)},
 * which a cache treats as an invalidation of the whole bound region. The same happens if a
 * listener falls {@value QueuedSubscription#CAPACITY} events behind. TCP keep-alive makes a
 * connection whose peer vanished without closing it count as lost within about 30 s.
 *
 * <p>Listeners run on a small executor owned by this instance, never on Lettuce's event loop: a
 * slow or throwing listener never blocks or breaks the connection. Each subscription receives its
 * events one at a time, in the order Redis sent them; an exception from a listener is logged and
 * delivery goes on.
 *
 * <p><b>Who owns what.</b> {@link #create(String)} builds Lettuce {@link ClientResources} (event
 * loops, timers) for this instance alone, and {@link #close()} shuts them down.
 * {@link #create(String, ClientResources)} borrows the application's instead (Lettuce recommends one
 * set per JVM): this instance then starts no event loop of its own and {@link #close()} leaves the
 * lent resources running; their owner shuts them down, after closing this instance. Either way
 * {@code close()} closes the connection and the listener executor this instance created.
 *
 * <p>Thread-safe. {@link #close()} leaves no thread of this instance behind.
 */
public final class RedisPubSubSignals implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisPubSubSignals.class);
    /** Lettuce's minimum; one I/O thread serves the single connection, the other idles. */
    private static final int LETTUCE_THREADS = 2;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Bounds the handshake with a server that accepts connections but never answers, and the wait
     * for a SUBSCRIBE confirmation. Lettuce's default, 60 s, is long for a call made at start-up.
     */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern EXPLICIT_TIMEOUT = Pattern.compile("[?&]timeout=");
    /**
     * A subscriber only reads, so without keep-alive a peer that vanished without closing the
     * connection (a crashed host, a dropped NAT entry) would go unnoticed and every later message
     * would be lost silently. Probes after 15 s of silence detect it within about 30 s; the
     * reconnect that follows reports the possible loss.
     */
    private static final SocketOptions.KeepAliveOptions KEEP_ALIVE = SocketOptions.KeepAliveOptions.builder()
            .enable().idle(Duration.ofSeconds(15)).interval(Duration.ofSeconds(5)).count(3).build();

    private final String redactedUrl;
    private final Duration commandTimeout;
    private final OwnedThreads threads;
    private final ClientResources resources;
    private final boolean ownsResources;
    private final PubSubConnector.Connected connected;
    private final ReconnectWatcher watcher;
    private final StatefulRedisPubSubConnection<String, String> connection;
    private final TopicSubscriptions topics;
    private final ListenerExecutor executor;
    private boolean closed; // guarded by this

    /** @param lent the application's resources, or null to build (and later shut down) our own */
    private RedisPubSubSignals(List<RedisURI> seeds, String redactedUrl, ClientResources lent) {
        this.redactedUrl = redactedUrl;
        this.commandTimeout = seeds.get(0).getTimeout();
        this.threads = OwnedThreads.next();
        this.executor = new ListenerExecutor(threads);
        this.ownsResources = lent == null;
        this.resources = ownsResources
                ? DefaultClientResources.builder()
                        .ioThreadPoolSize(LETTUCE_THREADS)
                        .computationThreadPoolSize(LETTUCE_THREADS)
                        .threadFactoryProvider(threads::factory)
                        .build()
                : lent;
        this.watcher = new ReconnectWatcher(redactedUrl, this::resubscribeAndReportLoss);
        try {
            this.connected = PubSubConnector.connect(seeds, resources,
                    SocketOptions.builder().keepAlive(KEEP_ALIVE).build(), watcher);
        } catch (RuntimeException e) {
            shutDownResourcesAndExecutor();
            // Lettuce's message names the address only; the URL we show hides the password.
            throw new RedisSignalException("Cannot connect to Redis pub/sub at " + redactedUrl + ": "
                    + e.getMessage(), e);
        }
        this.connection = connected.connection();
        this.topics = new TopicSubscriptions(connection.async());
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                topics.dispatch(Topic.channel(channel), channel, message);
            }

            @Override
            public void message(String pattern, String channel, String message) {
                topics.dispatch(Topic.pattern(pattern), channel, message);
            }
        });
        // Only now may a reconnect reach resubscribeAndReportLoss(), which needs the topics.
        watcher.established(connection);
    }

    /**
     * Connects to Redis for pub/sub. The URL takes every form Lettuce's {@link RedisURI} reads:
     * {@code redis://[[user]:password@]host[:port][/db]}, {@code rediss://...} for TLS, and options
     * such as {@code ?timeout=5s} or {@code ?clientName=NAME}. The timeout (10 s unless given) bounds
     * the connection handshake and how long a subscription waits for Redis to confirm it.
     *
     * <p>A Redis Cluster is reached through {@code redis://host:port,host:port,...} (seeds, each with
     * the URL's credentials and options) or through a URL naming any one of its nodes, which is
     * recognised when connecting. The subscription listens on one node: a PUBLISH on any node
     * reaches it. A master behind Sentinel is reached through
     * {@code redis-sentinel://[[user]:password@]host[:port][,host[:port]...][/db]#MASTER}. When the
     * node listened on fails (a cluster master taken over by its replica, a Sentinel failover), the
     * subscriptions move to another node, or to the new master, and listeners are told of a possible
     * loss, as after any reconnect.
     *
     * <p>The first connection is made now and fails fast: a refused connection fails at once, an
     * unanswered one after the timeout. Once connected, a lost connection is retried in the
     * background, with backoff, for as long as it takes.
     *
     * @param redisUrl where Redis is; its password never appears in messages, logs or {@code toString()}
     * @return a connected instance, which the caller must close; it owns Lettuce resources of its own
     * @throws NullPointerException     if {@code redisUrl} is null
     * @throws IllegalArgumentException if {@code redisUrl} is malformed
     * @throws RedisSignalException     if Redis cannot be reached or refuses the credentials
     */
    public static RedisPubSubSignals create(String redisUrl) {
        return connect(redisUrl, null);
    }

    /**
     * Connects to Redis for pub/sub as {@link #create(String)} does, on Lettuce resources the
     * application lends, such as the ones its own Lettuce clients or its cache use. This instance
     * never shuts them down: {@link #close()} closes its connection and executor and leaves
     * {@code resources} running for their owner, who shuts them down after closing this instance.
     *
     * @param redisUrl  where Redis is; its password never appears in messages, logs or {@code toString()}
     * @param resources borrowed Lettuce resources, open for as long as this instance is
     * @return a connected instance, which the caller must close
     * @throws NullPointerException     if {@code redisUrl} or {@code resources} is null
     * @throws IllegalArgumentException if {@code redisUrl} is malformed
     * @throws RedisSignalException     if Redis cannot be reached or refuses the credentials
     */
    public static RedisPubSubSignals create(String redisUrl, ClientResources resources) {
        return connect(redisUrl, Objects.requireNonNull(resources, "resources"));
    }

    private static RedisPubSubSignals connect(String redisUrl, ClientResources lent) {
        List<RedisURI> seeds = RedisUrl.parseSeeds(redisUrl);
        if (!EXPLICIT_TIMEOUT.matcher(redisUrl).find()) {
            seeds.forEach(seed -> seed.setTimeout(DEFAULT_TIMEOUT));
        }
        return new RedisPubSubSignals(seeds, RedisUrl.redact(redisUrl), lent);
    }

    /**
     * The signal of one channel: it fires for every message published to exactly that channel.
     * Creating it does no I/O; Redis is subscribed while the signal has subscribers.
     *
     * @param channel the channel name, matched literally
     * @return a signal whose events have the channel as key and the message as payload
     * @throws NullPointerException     if {@code channel} is null
     * @throws IllegalArgumentException if {@code channel} is empty or blank
     * @throws IllegalStateException    if this instance is closed
     */
    public Signal channel(String channel) {
        return signal(Topic.channel(channel));
    }

    /**
     * The signal of a glob pattern (PSUBSCRIBE): it fires for every message published to any
     * channel matching it, such as {@code prices.*}. The event's key is the matching channel.
     *
     * @param channelPattern a Redis glob ({@code *}, {@code ?}, {@code [abc]}, {@code \} to escape)
     * @return a signal whose events have the matching channel as key and the message as payload
     * @throws NullPointerException     if {@code channelPattern} is null
     * @throws IllegalArgumentException if {@code channelPattern} is empty or blank
     * @throws IllegalStateException    if this instance is closed
     */
    public Signal pattern(String channelPattern) {
        return signal(Topic.pattern(channelPattern));
    }

    /**
     * Closes every subscription, the connection, the listener executor and, unless they were lent
     * through {@link #create(String, ClientResources)}, the Lettuce resources this instance created.
     * Waits up to 5 s for listeners that are running; no thread of this instance is left when it
     * returns, unless a listener ignores interruption. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        topics.clear().forEach(QueuedSubscription::close);
        connected.client().removeListener(watcher);
        connection.close();
        connected.shutDown();
        shutDownResourcesAndExecutor();
    }

    @Override
    public String toString() {
        return "RedisPubSubSignals[" + redactedUrl + "]";
    }

    /**
     * Subscribes {@code listener} to {@code topic} and waits until Redis confirms, so that every
     * message published after this returns is delivered. While the connection is down it returns
     * at once; the listener then gets {@code onPossibleLoss} once the subscription is in place.
     */
    Subscription subscribe(Topic topic, SignalListener listener) {
        QueuedSubscription subscription;
        CompletableFuture<Void> confirmed;
        synchronized (this) {
            requireOpen();
            subscription = new QueuedSubscription(topic.signalName(), listener, executor,
                    closing -> topics.remove(topic, closing));
            confirmed = topics.add(topic, subscription);
        }
        awaitConfirmation(topic, subscription, confirmed);
        return subscription;
    }

    private void awaitConfirmation(Topic topic, QueuedSubscription subscription, CompletableFuture<Void> confirmed) {
        if (!connection.isOpen()) {
            confirmed.whenComplete((ignored, failure) -> subscription.reportPossibleLoss());
            return;
        }
        try {
            confirmed.get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Redis did not confirm the subscription to {} within {} ms; messages are delivered from when it "
                    + "does, and the listener is then told that some may have been missed", topic, commandTimeout.toMillis());
            confirmed.whenComplete((ignored, failure) -> subscription.reportPossibleLoss());
        } catch (ExecutionException e) {
            subscription.close();
            throw new RedisSignalException("Redis refused to subscribe to " + topic + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            subscription.close();
            Thread.currentThread().interrupt();
            throw new RedisSignalException("Interrupted while waiting for Redis to confirm the subscription to " + topic, e);
        }
    }

    private Signal signal(Topic topic) {
        synchronized (this) {
            requireOpen();
        }
        return new TopicSignal(topic, redactedUrl, this::subscribe);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private void resubscribeAndReportLoss() {
        topics.resubscribeAndReportLoss();
    }

    private void shutDownResourcesAndExecutor() {
        if (ownsResources) {
            try {
                resources.shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.warn("Lettuce resources of {} did not shut down cleanly", redactedUrl, e.getCause());
            }
        }
        executor.shutDown(SHUTDOWN_TIMEOUT);
    }
}

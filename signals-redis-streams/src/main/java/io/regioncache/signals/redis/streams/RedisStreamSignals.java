package io.regioncache.signals.redis.streams;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.UnblockType;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import io.regioncache.signals.redis.internal.RedisUrl;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Signals over Redis Streams, delivered at least once: an entry appended to a stream (by
 * {@link #publish} or any {@code XADD}) fires the stream's {@link #stream(String) signal}.
 *
 * <pre>{@code
 * try (RedisStreamSignals streams = RedisStreamSignals.create("redis://127.0.0.1:6379")) {
 *     Subscription binding = region.invalidateOn(streams.stream("user-events"));
 *     ...
 *     streams.publish("user-events", "alice", "profile-saved");
 * }
 * }</pre>
 *
 * <p>Each subscription reads the stream on a thread and a connection of its own (blocking
 * {@code XREADGROUP}/{@code XREAD}, never on Lettuce's event loop), and calls its listener there:
 * <ul>
 *   <li>{@link Signal#subscribe(String, SignalListener) subscribe(group, listener)} is a consumer of
 *       the stream's consumer group {@code group}: each entry reaches one consumer of the group, in
 *       any process, and is acknowledged ({@code XACK}) only when the stage returned by the
 *       listener's {@link SignalListener#onSignalAsync onSignalAsync} completes normally. A failed
 *       stage (or a throw) leaves the entry pending; it is delivered again after a backoff, up to
 *       the configured attempts, then logged and acknowledged. Entries left pending by a consumer
 *       that died are claimed ({@code XAUTOCLAIM}) by the others after the claim idle time. A group
 *       that does not exist yet starts at the stream's end and reports
 *       {@link SignalListener#onPossibleLossAsync onPossibleLossAsync} once.</li>
 *   <li>{@link Signal#subscribe(SignalListener) subscribe(listener)} reads from the stream's end
 *       with plain {@code XREAD}: it sees every entry added after it started.</li>
 * </ul>
 * A reconnect resumes where the subscription stood; a Redis that restarted (and may so have lost
 * the stream or the group), and entries trimmed or deleted before a subscription read them, are
 * reported as possible losses. An event's key and payload are the entry's {@value #KEY_FIELD} and
 * {@value #PAYLOAD_FIELD} fields (null where absent); its timestamp is the time in the entry's id.
 *
 * <p>Thread-safe. {@link #close()} closes every subscription, the connections, and the Lettuce
 * resources this instance created (never lent ones); no thread of it is left afterwards.
 */
public final class RedisStreamSignals implements AutoCloseable {

    /** The entry field that holds an event's key. */
    public static final String KEY_FIELD = "key";
    /** The entry field that holds an event's payload. */
    public static final String PAYLOAD_FIELD = "payload";
    /** The only field of an entry published with neither key nor payload (an entry needs a field). */
    public static final String EMPTY_FIELD = "event";

    private static final System.Logger LOG = System.getLogger(RedisStreamSignals.class.getName());
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern EXPLICIT_TIMEOUT = Pattern.compile("[?&]timeout=");
    /** Lettuce's minimum; readers have connections of their own but use Lettuce's I/O threads too. */
    private static final int LETTUCE_THREADS = 2;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final String redactedUrl;
    private final StreamSettings settings;
    private final OwnedThreads threads;
    private final ClientResources resources;
    private final boolean ownsResources;
    private final RedisClient client;
    private final RedisClient readerClient;
    private final StatefulRedisConnection<String, String> connection;
    private final Set<StreamReader> readers = new HashSet<>();
    private boolean closed; // guarded by readers

    private RedisStreamSignals(RedisURI uri, String redactedUrl, Builder builder) {
        this.redactedUrl = redactedUrl;
        this.settings = new StreamSettings(builder.maxLength, builder.claimIdle, builder.attempts,
                builder.redeliveryDelay, uri.getTimeout());
        this.threads = OwnedThreads.next();
        this.ownsResources = builder.resources == null;
        this.resources = ownsResources
                ? DefaultClientResources.builder().ioThreadPoolSize(LETTUCE_THREADS)
                        .computationThreadPoolSize(LETTUCE_THREADS).threadFactoryProvider(threads::factory).build()
                : builder.resources;
        // Commands (XADD, XACK, CLIENT UNBLOCK) share one connection that Lettuce reconnects; readers
        // reconnect themselves, so that they learn of every reconnect and can check what it lost.
        this.client = RedisClient.create(resources, uri);
        this.readerClient = RedisClient.create(resources, uri);
        readerClient.setOptions(ClientOptions.builder().autoReconnect(false).build());
        try {
            this.connection = client.connect(StringCodec.UTF8);
        } catch (RuntimeException e) {
            shutDownLettuce();
            // Lettuce's message names the address only; the URL we show hides the password.
            throw new RedisConnectionException("Cannot connect to Redis at " + redactedUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * Connects to Redis with the default settings. Same as {@code builder(redisUrl).build()}.
     *
     * @param redisUrl {@code redis://[[user]:password@]host[:port][/db][?option=value...]}, or
     *                 {@code rediss://...} for TLS; its password never appears in messages, logs
     *                 or {@code toString()}
     * @return a connected instance, which the caller must close
     * @throws NullPointerException     if {@code redisUrl} is null
     * @throws IllegalArgumentException if {@code redisUrl} is malformed
     * @throws RedisConnectionException if Redis cannot be reached or refuses the credentials
     */
    public static RedisStreamSignals create(String redisUrl) {
        return builder(redisUrl).build();
    }

    /**
     * Connects to Redis on Lettuce resources the application owns and shares; {@link #close()}
     * leaves them open. Same as {@code builder(redisUrl).clientResources(resources).build()}.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code redisUrl} is malformed
     * @throws RedisConnectionException if Redis cannot be reached or refuses the credentials
     */
    public static RedisStreamSignals create(String redisUrl, ClientResources resources) {
        return builder(redisUrl).clientResources(resources).build();
    }

    /**
     * A builder for an instance on {@code redisUrl}, for settings beyond the defaults. The URL
     * takes Lettuce's options, such as {@code ?timeout=5s} (10 s unless given here: it bounds
     * connecting, each command, and how long {@code subscribe} waits for its position).
     *
     * @throws NullPointerException     if {@code redisUrl} is null
     * @throws IllegalArgumentException if {@code redisUrl} is malformed
     */
    public static Builder builder(String redisUrl) {
        RedisURI uri = RedisUrl.parse(redisUrl);
        if (!EXPLICIT_TIMEOUT.matcher(redisUrl).find()) {
            uri.setTimeout(DEFAULT_TIMEOUT);
        }
        return new Builder(uri, RedisUrl.redact(redisUrl));
    }

    /**
     * The signal of one stream. Creating it does no I/O; each subscription reads the stream on a
     * connection of its own.
     *
     * @param streamKey the stream's Redis key
     * @return a signal named {@code redis-stream:<streamKey>}
     * @throws NullPointerException     if {@code streamKey} is null
     * @throws IllegalArgumentException if {@code streamKey} is empty
     * @throws IllegalStateException    if this instance is closed
     */
    public Signal stream(String streamKey) {
        requireStreamKey(streamKey);
        requireOpen();
        return new StreamSignal(streamKey, redactedUrl, this::subscribe);
    }

    /**
     * Appends an event to a stream ({@code XADD}, trimming it to about the configured maximum
     * length), creating the stream if needed. The entry has a {@value #KEY_FIELD} field if
     * {@code key} is not null and a {@value #PAYLOAD_FIELD} field if {@code payload} is not null
     * (one field {@value #EMPTY_FIELD} if neither is given).
     *
     * @return the id Redis gave the entry
     * @throws NullPointerException     if {@code streamKey} is null
     * @throws IllegalArgumentException if {@code streamKey} is empty
     * @throws IllegalStateException    if this instance is closed
     * @throws io.lettuce.core.RedisException if Redis refuses the command or does not answer in time
     */
    public String publish(String streamKey, String key, String payload) {
        requireStreamKey(streamKey);
        requireOpen();
        Map<String, String> fields = new LinkedHashMap<>();
        if (key != null) {
            fields.put(KEY_FIELD, key);
        }
        if (payload != null) {
            fields.put(PAYLOAD_FIELD, payload);
        }
        if (fields.isEmpty()) {
            fields.put(EMPTY_FIELD, "");
        }
        XAddArgs args = new XAddArgs();
        if (settings.maxLength() > 0) {
            args.maxlen(settings.maxLength()).approximateTrimming();
        }
        return connection.sync().xadd(streamKey, args, fields);
    }

    /**
     * Closes every subscription (each acknowledges what its listener handled, hands the entries it
     * still holds to another consumer of its group and leaves the group), the connections, and the
     * Lettuce resources this instance created; lent resources stay open. Waits for running
     * listeners about a second, then interrupts them. Idempotent.
     */
    @Override
    public void close() {
        List<StreamReader> open;
        synchronized (readers) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(readers);
        }
        // Ask all at once, then wait: closing takes as long as the slowest, not the sum.
        open.forEach(StreamReader::requestClose);
        open.forEach(StreamReader::awaitClosed);
        connection.close();
        shutDownLettuce();
    }

    @Override
    public String toString() {
        return "RedisStreamSignals[" + redactedUrl + "]";
    }

    /** Starts a reader and waits until it knows where it starts reading, at most the timeout. */
    Subscription subscribe(String streamKey, String group, SignalListener listener) {
        StreamReader reader = new StreamReader(this, streamKey, group, listener);
        synchronized (readers) {
            requireOpen();
            readers.add(reader);
            reader.start();
        }
        if (!reader.awaitPositioned(settings.timeout())) {
            LOG.log(Level.WARNING, "{0}: not positioned within {1} ms (Redis unreachable, or the listener still "
                    + "handling the possible loss of a new group); it goes on in the background",
                    reader, settings.timeout().toMillis());
        }
        return reader;
    }

    /** Called by a reader's thread as it ends. */
    void forget(StreamReader reader) {
        synchronized (readers) {
            readers.remove(reader);
        }
    }

    StreamSettings settings() {
        return settings;
    }

    OwnedThreads threads() {
        return threads;
    }

    String redactedUrl() {
        return redactedUrl;
    }

    /** The shared command connection, for acknowledgements; never blocked by a reader. */
    RedisAsyncCommands<String, String> commands() {
        return connection.async();
    }

    /** A new connection for one reader, which it closes; Lettuce does not reconnect it. */
    StatefulRedisConnection<String, String> connectReader() {
        return readerClient.connect(StringCodec.UTF8);
    }

    /** How long a reader waits before reconnecting after its {@code attempt}-th failure in a row. */
    Delay reconnectDelay() {
        return resources.reconnectDelay();
    }

    /** Ends a reader's blocking read at once, as if it had timed out; best effort. */
    void unblock(long clientId) {
        connection.async().clientUnblock(clientId, UnblockType.TIMEOUT);
    }

    private void requireOpen() {
        synchronized (readers) {
            if (closed) {
                throw new IllegalStateException(this + " is closed");
            }
        }
    }

    private static void requireStreamKey(String streamKey) {
        Objects.requireNonNull(streamKey, "streamKey");
        if (streamKey.isEmpty()) {
            throw new IllegalArgumentException("A stream key must not be empty");
        }
    }

    private void shutDownLettuce() {
        client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
        readerClient.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
        if (!ownsResources) {
            return;
        }
        try {
            resources.shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "Lettuce resources of " + redactedUrl + " did not shut down cleanly", e.getCause());
        }
    }

    /**
     * Settings of a {@link RedisStreamSignals}, started by {@link RedisStreamSignals#builder(String)}.
     * Not thread-safe; each setter fails fast on a bad value.
     */
    public static final class Builder {

        private final RedisURI uri;
        private final String redactedUrl;
        private ClientResources resources;
        private long maxLength = 100_000;
        private Duration claimIdle = Duration.ofSeconds(30);
        private int attempts = 12;
        private Delay redeliveryDelay = Delay.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(5), 100,
                TimeUnit.MILLISECONDS);

        private Builder(RedisURI uri, String redactedUrl) {
            this.uri = uri;
            this.redactedUrl = redactedUrl;
        }

        /**
         * Lettuce resources (event loops, timers) shared with the application: the instance uses
         * them and never shuts them down. By default it creates its own and shuts them down on close.
         *
         * @throws NullPointerException if {@code resources} is null
         */
        public Builder clientResources(ClientResources resources) {
            this.resources = Objects.requireNonNull(resources, "resources");
            return this;
        }

        /**
         * The approximate maximum length {@link #publish} trims each stream to ({@code XADD MAXLEN ~});
         * 0 never trims. Default 100,000. A group that lags further behind loses entries, and is told
         * so with a possible loss.
         *
         * @throws IllegalArgumentException if {@code maxLength} is negative
         */
        public Builder maxLength(long maxLength) {
            if (maxLength < 0) {
                throw new IllegalArgumentException("maxLength must be 0 (no trimming) or more, got " + maxLength);
            }
            this.maxLength = maxLength;
            return this;
        }

        /**
         * How long an entry may stay pending with a consumer (delivered, not acknowledged) before
         * the group's other consumers claim it ({@code XAUTOCLAIM}): longer than the slowest
         * listener, so that a live consumer's entries are not taken from it. Default 30 s.
         *
         * @throws NullPointerException     if {@code idle} is null
         * @throws IllegalArgumentException if {@code idle} is shorter than 1 ms
         */
        public Builder claimIdleTime(Duration idle) {
            Objects.requireNonNull(idle, "idle");
            if (idle.toMillis() < 1) {
                throw new IllegalArgumentException("claimIdleTime must be at least 1 ms, got " + idle);
            }
            this.claimIdle = idle;
            return this;
        }

        /**
         * How many times in all an entry (or a possible loss) is handed to a listener that keeps
         * failing before it is logged as an error and acknowledged. Default 12 (about 25 s with the
         * default delay); 1 never delivers again.
         *
         * @throws IllegalArgumentException if {@code attempts} is less than 1
         */
        public Builder redeliveryAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("redeliveryAttempts must be at least 1, got " + attempts);
            }
            this.attempts = attempts;
            return this;
        }

        /**
         * The wait before delivering again an entry whose listener failed, by the number of
         * failures so far. Default {@code Delay.fullJitter(100 ms, 5 s, 100, MILLISECONDS)}: about
         * 100 ms, then doubling up to 5 s, with jitter.
         *
         * @throws NullPointerException if {@code delay} is null
         */
        public Builder redeliveryDelay(Delay delay) {
            this.redeliveryDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /**
         * Connects and returns the instance.
         *
         * @throws RedisConnectionException if Redis cannot be reached or refuses the credentials
         */
        public RedisStreamSignals build() {
            return new RedisStreamSignals(uri, redactedUrl, this);
        }

        @Override
        public String toString() {
            return "RedisStreamSignals.Builder[" + redactedUrl + "]";
        }
    }
}

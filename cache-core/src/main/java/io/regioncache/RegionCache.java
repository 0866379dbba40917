package io.regioncache;

import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.regioncache.signals.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The entry point: a connection to the store (Redis, or memory for one JVM) and a root region
 * under which every region lives.
 *
 * <pre>{@code
 * try (RegionCache cache = RegionCache.connect("redis://localhost:6379/0")) {
 *     Region<Object> users = cache.region("users");          // root.users
 *     users.put("42", "Ada");
 *     Object name = users.getOrCompute("43", () -> loadName(43));
 *     users.invalidateOn(Signals.named("user-saved"));
 * }
 * }</pre>
 *
 * <p>Thread-safe. Over Redis it uses one multiplexed Lettuce connection, on the {@link
 * ClientResources} lent through {@link Builder#clientResources} or else on one default set shared
 * by the caches of this JVM. {@link #close()} closes the connection, every signal binding made
 * through its regions and its retry thread; it never shuts down lent resources, and the shared
 * default set is shut down when the last cache using it closes. Each region has a blocking and a
 * non-blocking view ({@link Region#async()}) of one implementation.
 *
 * <p>{@link #stats()} counts what the cache does (on by default, see {@link Builder#recordStats});
 * {@code io.regioncache.metrics.RegionCacheMetrics} publishes the counts to Micrometer.
 */
public final class RegionCache implements AutoCloseable {

    private final CacheContext context;
    private final RegionName rootName;
    private final RegionOptions<Object> defaultOptions;
    private final String description;

    /** A cache over {@code store}, which it closes on {@link #close()}, recording stats. */
    RegionCache(RegionStore store, String rootName, String keyPrefix, RegionOptions<Object> defaultOptions,
                FailurePolicy policy) {
        this(store, rootName, keyPrefix, defaultOptions, policy, true);
    }

    private RegionCache(RegionStore store, String rootName, String keyPrefix, RegionOptions<Object> defaultOptions,
                        FailurePolicy policy, boolean recordStats) {
        this.context = new CacheContext(store, policy, keyPrefix, recordStats);
        this.rootName = RegionName.root(rootName);
        this.defaultOptions = defaultOptions;
        this.description = "RegionCache[" + store + ", root=" + rootName
                + (keyPrefix.isEmpty() ? "" : ", keyPrefix=" + keyPrefix) + ", " + policy + "]";
    }

    /** What its regions share (the store, the failure guard, the retrier). */
    CacheContext context() {
        return context;
    }

    /** A builder for a Redis-backed cache; {@link Builder#redisUrl} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A cache on the Redis at {@code redisUrl} with the default settings. It reads no environment
     * variable: only {@link #fromEnvironment()} does (so {@code REGION_CACHE_SERIAL_FILTER},
     * for one, does not apply here; use {@link Builder#serialFilter}).
     *
     * @param redisUrl {@code redis://[user:password@]host:port/db} or {@code rediss://...} for TLS,
     *                 or a cluster's seeds or a Sentinel URL, see {@link Builder#redisUrl}
     * @throws NullPointerException       if {@code redisUrl} is null
     * @throws IllegalArgumentException   if the URL is malformed (the message never shows the password)
     * @throws RegionCacheException       if Redis answers but refuses the URL's settings
     * @see Builder#build()
     */
    public static RegionCache connect(String redisUrl) {
        return builder().redisUrl(redisUrl).build();
    }

    /**
     * A cache configured by environment variables, the only entry point that reads them: {@code REGION_CACHE_URL} (required), {@code
     * REGION_CACHE_ROOT}, {@code REGION_CACHE_KEY_PREFIX}, {@code REGION_CACHE_COMMAND_TIMEOUT}
     * (ISO-8601 such as {@code PT2S}, or milliseconds), {@code REGION_CACHE_FAILURE_POLICY}
     * ({@code DEGRADE} or {@code RAISE}, any case), {@code REGION_CACHE_SERIAL_FILTER} (the
     * default codec's filter, see {@link Codecs#javaSerialization(String)}) and {@code
     * REGION_CACHE_NEAR_CACHE_SIZE} (see {@link Builder#nearCacheSize}, 0 for none).
     *
     * <p>Python region_cache's settings work too, with the same meaning, so one environment file
     * serves both: without {@code REGION_CACHE_URL}, {@code REGION_CACHE_HOST} (then required) with
     * {@code REGION_CACHE_PORT} (6379), {@code REGION_CACHE_DB} (0) and {@code REGION_CACHE_PASSWORD}
     * (any characters) name the Redis; with it, the URL wins. {@code REGION_CACHE_OP_TIMEOUT}
     * (seconds, {@code 0.5}) is the command timeout, {@code REGION_CACHE_OP_TIMEOUT_RAISE}
     * ({@code true}/{@code false}, {@code True}/{@code False}, {@code 1}/{@code 0}) RAISE or DEGRADE.
     * {@code REGION_CACHE_OP_TIMEOUT_RECONNECT} and {@code REGION_CACHE_RECONNECT_BACKOFF} are checked
     * and accepted but change nothing: the connection already recovers from timeouts and outages by
     * itself. A read replica ({@code REGION_CACHE_RR_URL}, or {@code REGION_CACHE_RR_HOST},
     * {@code _RR_PORT}, {@code _RR_PASSWORD} on the master's database) is {@link
     * Builder#readReplicaUrl}; {@code REGION_CACHE_READ_FROM} is {@link Builder#readFrom}. Two
     * names for one setting must agree.
     *
     * @throws IllegalStateException    if neither {@code REGION_CACHE_URL} nor {@code REGION_CACHE_HOST} is set
     * @throws IllegalArgumentException naming the variable whose value is invalid (never quoting a
     *                                  password), or the two names of one setting that disagree
     */
    public static RegionCache fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static RegionCache fromEnvironment(Map<String, String> environment) {
        return EnvironmentSettings.builder(environment).build();
    }

    /**
     * A cache in this JVM's memory, with the same semantics as Redis (nested invalidation, TTL,
     * transactions, generation checks) but shared with no other process. Root "root", default
     * options.
     */
    public static RegionCache inMemory() {
        return new RegionCache(new InMemoryRegionStore(), "root", "", RegionOptions.defaults(), FailurePolicy.DEGRADE);
    }

    /** The root region (named by {@link Builder#rootName}), with the default options. */
    public Region<Object> root() {
        return context.view(new CacheRegion<>(context, rootName, defaultOptions));
    }

    /**
     * A region under the root, with the default options. Does no I/O.
     *
     * @param dottedName such as {@code "abc.xyz"} for {@code root.abc.xyz}; a name equal to the
     *                   root's or starting with it followed by a dot is taken as already qualified
     * @throws NullPointerException     if {@code dottedName} is null
     * @throws IllegalArgumentException if it is not a valid region name
     */
    public Region<Object> region(String dottedName) {
        return region(dottedName, defaultOptions);
    }

    /**
     * A region under the root with its own options (for this region object and the sub-regions
     * created from it). Does no I/O.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code dottedName} is not a valid region name
     */
    public <V> Region<V> region(String dottedName, RegionOptions<V> options) {
        RegionName.requireValid(dottedName);
        Objects.requireNonNull(options, "options");
        String root = rootName.full();
        if (dottedName.equals(root)) {
            return context.view(new CacheRegion<>(context, rootName, options));
        }
        String relative = dottedName.startsWith(root + ".") ? dottedName.substring(root.length() + 1) : dottedName;
        return context.view(new CacheRegion<>(context, rootName.child(relative), options));
    }

    /**
     * Invalidates the root region, and so everything under it.
     *
     * @throws CacheUnavailableException if the store cannot be reached
     */
    public void clear() {
        root().invalidate();
    }

    /**
     * What this cache has done since it was built, over all its regions: a snapshot of counters
     * that cost a {@link java.util.concurrent.atomic.LongAdder} increment each. All zero when
     * built with {@code recordStats(false)}. Thread-safe; never blocks.
     */
    public CacheStats stats() {
        return context.counters().snapshot();
    }

    /**
     * How many stored values a codec refused to decode since build() (corrupt bytes, a class
     * outside the allow-list, another codec's data). Not an outage, so not in {@link
     * CacheStats#degradedOperations()}: each such read is a miss under DEGRADE and a {@link
     * CodecException} under RAISE. Zero when stats are off.
     */
    public long codecFailures() {
        return context.counters().codecFailures();
    }

    /**
     * How many entries were written since build(): by put, putAll, committed transactions and
     * stored loads. Zero when stats are off.
     */
    public long puts() {
        return context.counters().puts();
    }

    /** How many signal-driven invalidations are waiting to be retried now (the store was unreachable). */
    public int pendingInvalidationRetries() {
        return context.retrier().pendingCount();
    }

    /**
     * Registers a listener told of every signal-driven purge that lands, with the transport (the
     * scheme of the signal's name: {@code "kafka"}, {@code "redis"}, {@code "local"}..., or {@code
     * "other"}) and the time from the event's timestamp to the purge having landed. For metrics:
     * it runs on the thread that saw the purge land (a Lettuce I/O thread over Redis), so it must
     * be quick and must not block; an exception it throws is logged.
     *
     * @return unregisters the listener
     * @throws NullPointerException if {@code listener} is null
     */
    public Subscription onSignalPurged(BiConsumer<String, Duration> listener) {
        return context.onSignalPurged(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Closes the signal bindings made through this cache's regions, stops the retry thread (pending
     * retries fail), and closes the connection; gives back the shared default client resources
     * (the last cache to do so shuts them down) and leaves lent ones running. Idempotent. Regions
     * of a closed cache throw {@link IllegalStateException}.
     */
    @Override
    public void close() {
        context.close();
    }

    /** The store (host, port and database for Redis, never credentials), root, prefix and policy. */
    @Override
    public String toString() {
        return description;
    }

    /**
     * Configures a Redis-backed {@link RegionCache}. Setters fail fast on invalid values; not
     * thread-safe. A builder reads no environment variable: what it is not told is the default
     * ({@link RegionCache#fromEnvironment()} is the entry point that reads {@code REGION_CACHE_*}).
     */
    public static final class Builder {

        private String redisUrl;
        private String readReplicaUrl;
        private ReadFrom readFrom;
        private String rootName = "root";
        private String keyPrefix = "";
        private RegionOptions<Object> defaultOptions = RegionOptions.defaults();
        private Duration commandTimeout = RedisRegionStore.DEFAULT_COMMAND_TIMEOUT;
        private FailurePolicy failurePolicy = FailurePolicy.DEGRADE;
        private ClientResources clientResources;
        private boolean recordStats = true;
        private boolean inMemory;
        private long nearCacheSize;

        private Builder() {
        }

        /**
         * Where Redis is. One of:
         * <ul>
         * <li>{@code redis://[user:password@]host:port/db}, or {@code rediss://} for TLS: one server.
         *     If it turns out to be a Redis Cluster node (found at connect), it is taken as a seed of
         *     its cluster, as below;</li>
         * <li>{@code redis://[user:password@]host1:port1,host2:port2,...}: the seeds of a Redis
         *     Cluster, whose keys are laid out so that each top-level region's subtree lives in one
         *     hash slot (see the README's "Scaling out");</li>
         * <li>{@code redis-sentinel://[password@]host:port[,host:port]/db#master}: the master that
         *     Sentinel names, followed across failovers.</li>
         * </ul>
         *
         * @throws NullPointerException     if {@code url} is null
         * @throws IllegalArgumentException if the URL is malformed (the message never shows the password)
         */
        public Builder redisUrl(String url) {
            RedisUrls.parseSeeds(Objects.requireNonNull(url, "redisUrl"));
            this.redisUrl = url;
            return this;
        }

        /**
         * A replica of the standalone master named by {@link #redisUrl}, to which plain reads go
         * ({@code get}, {@code getAll}, {@code containsKey}, {@code keys}, {@code size}, {@code
         * timeToLive}); writes, scripts and the generation reads that fence loads stay on the
         * master. A read the replica fails is sent to the master, and reads stay there for 5 s.
         * Replication is asynchronous: a read right after a write may miss. Turns the near cache
         * off (with a warning), since its coherence needs the connection that reads.
         *
         * @param url {@code redis://[user:password@]host:port/db} or {@code rediss://...}
         * @throws NullPointerException     if {@code url} is null
         * @throws IllegalArgumentException if the URL is malformed or names several hosts
         */
        public Builder readReplicaUrl(String url) {
            Objects.requireNonNull(url, "readReplicaUrl");
            if (RedisUrls.parseSeeds(url).size() != 1 || url.startsWith("redis-sentinel")) {
                throw new IllegalArgumentException("readReplicaUrl must name one server, got '" + RedisUrls.redact(url) + "'");
            }
            this.readReplicaUrl = url;
            return this;
        }

        /**
         * Where plain reads go on a Redis Cluster or behind Sentinel (Lettuce's {@code ReadFrom});
         * writes, scripts and the generation reads that fence loads always go to the masters.
         * Replication is asynchronous: reading from replicas, a read right after a write may miss.
         *
         * @param readFrom {@code "upstream"} (the default: the masters), {@code "upstreamPreferred"},
         *                 {@code "replica"}, {@code "replicaPreferred"}, {@code "nearest"} or {@code "any"}
         * @throws NullPointerException     if {@code readFrom} is null
         * @throws IllegalArgumentException if it is none of these
         */
        public Builder readFrom(String readFrom) {
            Objects.requireNonNull(readFrom, "readFrom");
            this.readFrom = ReadFromNames.parse(readFrom);
            return this;
        }

        /**
         * @param root the root region's name, default {@code "root"} (as Python region_cache)
         * @throws NullPointerException     if {@code root} is null
         * @throws IllegalArgumentException if it is not a valid region name
         */
        public Builder rootName(String root) {
            this.rootName = RegionName.requireValid(root);
            return this;
        }

        /**
         * @param prefix prepended to every Redis key, default {@code ""} (wire-compatible with
         *               Python region_cache); child sets hold names without it
         * @throws NullPointerException if {@code prefix} is null
         */
        public Builder keyPrefix(String prefix) {
            this.keyPrefix = Objects.requireNonNull(prefix, "keyPrefix");
            return this;
        }

        /**
         * @param options the options of {@link #root()} and {@link #region(String)}
         * @throws NullPointerException if {@code options} is null
         */
        public Builder defaultOptions(RegionOptions<Object> options) {
            this.defaultOptions = Objects.requireNonNull(options, "defaultOptions");
            return this;
        }

        /**
         * Lets the default codec store and read your classes besides the default allow-list:
         * sets the default options' codec to {@link Codecs#javaSerialization(String)
         * Codecs.javaSerialization(pattern)}, as {@code REGION_CACHE_SERIAL_FILTER} does for
         * {@link RegionCache#fromEnvironment()}. It changes the options set so far, so call it
         * after {@link #defaultOptions}.
         *
         * @param pattern such as {@code "com.acme.**"} (the classes of {@code com.acme} and its
         *                sub-packages); end it with {@code !*} to replace the default list instead
         * @throws NullPointerException     if {@code pattern} is null
         * @throws IllegalArgumentException if the pattern is blank or malformed
         */
        public Builder serialFilter(String pattern) {
            this.defaultOptions = defaultOptions.withCodec(Codecs.javaSerialization(pattern));
            return this;
        }

        /**
         * @param timeout how long a Redis command (and connecting) may take, default 2 s
         * @throws NullPointerException     if {@code timeout} is null
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder commandTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "commandTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("commandTimeout must be positive, got " + timeout);
            }
            this.commandTimeout = timeout;
            return this;
        }

        /**
         * An in-process near cache in front of Redis: reads of regions that use it ({@link
         * RegionOptions#withNearCache}, the default) are served from this process's memory
         * without a round trip while Redis says nothing changed. Redis itself tells this cache of
         * every write by anyone ({@code CLIENT TRACKING} over RESP3, Redis 6 or later), on the
         * connection that carries the replies; the near cache is flushed and bypassed while that
         * connection is down, and while it holds entries a heartbeat PING finds a Redis gone
         * silent within half the command timeout (at least 500 ms) plus the command timeout, after
         * which nothing near is served until Redis answers. Values are shared between readers,
         * not copied: treat them as immutable. Without effect on the in-memory store.
         *
         * @param maximumEntries how many entries it keeps (least recently and frequently used
         *                       ones go first); 0, the default, for none
         * @throws IllegalArgumentException if {@code maximumEntries} is negative
         */
        public Builder nearCacheSize(long maximumEntries) {
            if (maximumEntries < 0) {
                throw new IllegalArgumentException("nearCacheSize must be 0 (none) or more, got " + maximumEntries);
            }
            this.nearCacheSize = maximumEntries;
            return this;
        }

        /**
         * @param policy what reads and writes do when Redis cannot be reached, default DEGRADE
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = Objects.requireNonNull(policy, "failurePolicy");
            return this;
        }

        /**
         * Lends the application's Lettuce resources (event loops, timers, metrics), as Lettuce
         * recommends one set per application. The cache only borrows them: {@link
         * RegionCache#close()} leaves them running, and the application shuts them down after
         * closing the caches that use them. Without this, the caches of one JVM share one default
         * set, shut down when the last of them closes. Lettuce's own command latency metrics are
         * switched on here, e.g. {@code DefaultClientResources.builder().commandLatencyRecorder(new
         * MicrometerCommandLatencyRecorder(registry, MicrometerOptions.create())).build()}.
         *
         * @throws NullPointerException if {@code resources} is null
         */
        public Builder clientResources(ClientResources resources) {
            this.clientResources = Objects.requireNonNull(resources, "clientResources");
            return this;
        }

        /**
         * @param record whether {@link RegionCache#stats()} counts, default true. Counting costs a
         *               {@code LongAdder} increment per operation (nothing measurable next to a
         *               round trip, see the benchmarks); switched off, stats stay zero. Near hits
         *               are counted per thread either way (the near cache samples its hits for
         *               Caffeine's eviction policy from that count), at about a nanosecond each.
         */
        public Builder recordStats(boolean record) {
            this.recordStats = record;
            return this;
        }

        /**
         * Builds a cache on the in-memory store (this JVM only, as {@link RegionCache#inMemory()})
         * with this builder's root, key prefix, default options, failure policy and stats setting,
         * instead of connecting to Redis. An explicit choice: {@code build()} never falls back to
         * memory by itself.
         */
        public Builder inMemory() {
            this.inMemory = true;
            return this;
        }

        /**
         * Connects to Redis (or makes the in-memory store, see {@link #inMemory()}). Under RAISE a
         * Redis that does not answer fails the build; under DEGRADE the cache is built anyway,
         * logs a warning, and connects on first use once Redis answers. A Redis that answers but
         * refuses the URL's settings (a wrong password, an unknown ACL user, a database index out
         * of range, {@code rediss://} against a server without TLS) is a configuration error under
         * both policies: the build fails at once, naming the cause, and nothing is retried.
         *
         * @throws IllegalStateException     if no {@link #redisUrl} was given and {@link #inMemory()}
         *                                   was not chosen, or if both were
         * @throws CacheUnavailableException under RAISE, if Redis does not answer
         * @throws RegionCacheException      if Redis answers but refuses the URL's settings
         */
        public RegionCache build() {
            if (inMemory) {
                if (redisUrl != null) {
                    throw new IllegalStateException("Both a redisUrl and inMemory() were given: choose one store");
                }
                return new RegionCache(new InMemoryRegionStore(), rootName, keyPrefix, defaultOptions, failurePolicy,
                        recordStats);
            }
            if (redisUrl == null) {
                throw new IllegalStateException("No redisUrl: set one (Builder.redisUrl), or choose the in-memory store "
                        + "(Builder.inMemory() or RegionCache.inMemory()) for a cache without Redis");
            }
            List<RedisURI> seeds = RedisUrls.parseSeeds(redisUrl);
            if (readReplicaUrl != null && (seeds.size() > 1 || !seeds.get(0).getSentinels().isEmpty())) {
                throw new IllegalStateException("A readReplicaUrl is for a standalone master: use readFrom for the replicas "
                        + "of a cluster or of a Sentinel master, got " + RedisUrls.display(seeds));
            }
            RedisRegionStore store = RedisRegionStore.open(seeds, readReplicaUrl == null ? null : RedisUrls.parse(readReplicaUrl),
                    ReadFromNames.upstreamAsNull(readFrom), keyPrefix, rootName, commandTimeout,
                    failurePolicy == FailurePolicy.RAISE, clientResources, nearCacheSize);
            return new RegionCache(store, rootName, keyPrefix, defaultOptions, failurePolicy, recordStats);
        }
    }
}

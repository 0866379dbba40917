package io.regioncache;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

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
 * <p>Thread-safe. Over Redis it uses one multiplexed Lettuce connection; {@link #close()} closes
 * it, the client resources it created, every signal binding made through its regions and its
 * retry thread.
 */
public final class RegionCache implements AutoCloseable {

    private final CacheContext context;
    private final RegionName rootName;
    private final RegionOptions<Object> defaultOptions;
    private final String description;

    /** A cache over {@code store}, which it closes on {@link #close()}. */
    RegionCache(RegionStore store, String rootName, String keyPrefix, RegionOptions<Object> defaultOptions,
                FailurePolicy policy) {
        this.context = new CacheContext(store, policy, keyPrefix);
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
     * @param redisUrl {@code redis://[user:password@]host:port/db} or {@code rediss://...} for TLS
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
     * ({@code DEGRADE} or {@code RAISE}, any case) and {@code REGION_CACHE_SERIAL_FILTER} (the
     * default codec's filter, see {@link Codecs#javaSerialization(String)}).
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
     * {@code _RR_PORT}, {@code _RR_PASSWORD}) is checked, but not used yet: reads go to the master,
     * with a warning. Two names for one setting must agree.
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
        return new CacheRegion<>(context, rootName, defaultOptions);
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
            return new CacheRegion<>(context, rootName, options);
        }
        String relative = dottedName.startsWith(root + ".") ? dottedName.substring(root.length() + 1) : dottedName;
        return new CacheRegion<>(context, rootName.child(relative), options);
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
     * Closes the signal bindings made through this cache's regions, stops the retry thread, and
     * closes the connection and the client resources. Idempotent. Regions of a closed cache throw
     * {@link IllegalStateException}.
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
        private String rootName = "root";
        private String keyPrefix = "";
        private RegionOptions<Object> defaultOptions = RegionOptions.defaults();
        private Duration commandTimeout = RedisRegionStore.DEFAULT_COMMAND_TIMEOUT;
        private FailurePolicy failurePolicy = FailurePolicy.DEGRADE;

        private Builder() {
        }

        /**
         * @param url {@code redis://[user:password@]host:port/db}, or {@code rediss://} for TLS
         * @throws NullPointerException     if {@code url} is null
         * @throws IllegalArgumentException if the URL is malformed (the message never shows the password)
         */
        public Builder redisUrl(String url) {
            RedisUrls.parse(Objects.requireNonNull(url, "redisUrl"));
            this.redisUrl = url;
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
         * @param policy what reads and writes do when Redis cannot be reached, default DEGRADE
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = Objects.requireNonNull(policy, "failurePolicy");
            return this;
        }

        /**
         * Connects to Redis. Under RAISE a Redis that does not answer fails the build; under
         * DEGRADE the cache is built anyway, logs a warning, and connects on first use once Redis
         * answers. A Redis that answers but refuses the URL's settings (a wrong password, an
         * unknown ACL user, a database index out of range, {@code rediss://} against a server
         * without TLS) is a configuration error under both policies: the build fails at once,
         * naming the cause, and nothing is retried.
         *
         * @throws IllegalStateException     if no {@link #redisUrl} was given
         * @throws CacheUnavailableException under RAISE, if Redis does not answer
         * @throws RegionCacheException      if Redis answers but refuses the URL's settings
         */
        public RegionCache build() {
            if (redisUrl == null) {
                throw new IllegalStateException("No redisUrl: set one (Builder.redisUrl), or use RegionCache.inMemory() "
                        + "for a cache without Redis");
            }
            RedisRegionStore store = RedisRegionStore.open(RedisUrls.parse(redisUrl), keyPrefix, commandTimeout,
                    failurePolicy == FailurePolicy.RAISE);
            return new RegionCache(store, rootName, keyPrefix, defaultOptions, failurePolicy);
        }
    }
}

package io.regioncache;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a region stores its values: its timeout (a Redis EXPIRE on the region's hash), whether
 * writes restart it, and its codec. Immutable and thread-safe: every {@code withX} returns a new
 * instance. Sub-regions created with {@link Region#region(String)} inherit their parent's options.
 *
 * @param <V> the type of the values the codec handles
 */
public final class RegionOptions<V> {

    private static final RegionOptions<Object> DEFAULTS = new RegionOptions<>(null, true, Codecs.javaSerialization(), true, null);

    private final Duration timeout;
    private final boolean updateResetsTimeout;
    private final Codec<V> codec;
    private final boolean nearCache;
    private final Duration loadLease;

    private RegionOptions(Duration timeout, boolean updateResetsTimeout, Codec<V> codec, boolean nearCache,
                          Duration loadLease) {
        this.timeout = timeout;
        this.updateResetsTimeout = updateResetsTimeout;
        this.codec = codec;
        this.nearCache = nearCache;
        this.loadLease = loadLease;
    }

    /** No timeout, {@code updateResetsTimeout = true}, {@link Codecs#javaSerialization()}. */
    public static RegionOptions<Object> defaults() {
        return DEFAULTS;
    }

    /**
     * The defaults with another codec.
     *
     * @throws NullPointerException if {@code codec} is null
     */
    public static <V> RegionOptions<V> of(Codec<V> codec) {
        return DEFAULTS.withCodec(codec);
    }

    /**
     * The region's time to live: the Redis EXPIRE of its hash, in milliseconds.
     *
     * @throws NullPointerException     if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is shorter than one millisecond
     */
    public RegionOptions<V> withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("timeout must be at least 1 ms, got " + timeout);
        }
        return new RegionOptions<>(timeout, updateResetsTimeout, codec, nearCache, loadLease);
    }

    /** These options without a timeout: the region's hash lives until it is invalidated. */
    public RegionOptions<V> withoutTimeout() {
        return new RegionOptions<>(null, updateResetsTimeout, codec, nearCache, loadLease);
    }

    /**
     * @param resets true (the default) to restart the timeout on every write and committed
     *               transaction; false to let it run from the write that created the hash
     */
    public RegionOptions<V> withUpdateResetsTimeout(boolean resets) {
        return new RegionOptions<>(timeout, resets, codec, nearCache, loadLease);
    }

    /**
     * @throws NullPointerException if {@code codec} is null
     */
    public <W> RegionOptions<W> withCodec(Codec<W> codec) {
        return new RegionOptions<>(timeout, updateResetsTimeout, Objects.requireNonNull(codec, "codec"), nearCache, loadLease);
    }

    /**
     * @param enabled true (the default) to serve this region's reads from the cache's near cache
     *                when it has one ({@code RegionCache.Builder.nearCacheSize}); false to send
     *                every read to the store, e.g. for values that callers modify in place
     */
    public RegionOptions<V> withNearCache(boolean enabled) {
        return new RegionOptions<>(timeout, updateResetsTimeout, codec, enabled, loadLease);
    }

    /**
     * Single flight across processes for {@code getOrCompute} and {@code cached}: the first
     * process that misses a key takes a lease on it in Redis (in the script that reads the key,
     * so it costs no extra round trip) and loads; the others wait for its value, polling, for at
     * most {@code maxLoadTime}, after which the lease expires and one of them loads instead. A
     * purge of the region or an ancestor during the load ends the lease. Default: none. Within
     * one process concurrent loads of one key always run the loader once, lease or not.
     *
     * @throws NullPointerException     if {@code maxLoadTime} is null
     * @throws IllegalArgumentException if it is shorter than one millisecond
     */
    public RegionOptions<V> withLoadLease(Duration maxLoadTime) {
        Objects.requireNonNull(maxLoadTime, "maxLoadTime");
        if (maxLoadTime.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("maxLoadTime must be at least 1 ms, got " + maxLoadTime);
        }
        return new RegionOptions<>(timeout, updateResetsTimeout, codec, nearCache, maxLoadTime);
    }

    /** The load lease's maximum load time, if loads are leased across processes. */
    public Optional<Duration> loadLease() {
        return Optional.ofNullable(loadLease);
    }

    /** Whether this region's reads use the cache's near cache, if it has one. */
    public boolean nearCache() {
        return nearCache;
    }

    /** The region's time to live, if it has one. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** Whether writes restart the timeout. */
    public boolean updateResetsTimeout() {
        return updateResetsTimeout;
    }

    /** The codec of the region's values. */
    public Codec<V> codec() {
        return codec;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RegionOptions)) {
            return false;
        }
        RegionOptions<?> that = (RegionOptions<?>) other;
        return Objects.equals(timeout, that.timeout) && updateResetsTimeout == that.updateResetsTimeout
                && codec.equals(that.codec) && nearCache == that.nearCache && Objects.equals(loadLease, that.loadLease);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeout, updateResetsTimeout, codec, nearCache, loadLease);
    }

    @Override
    public String toString() {
        return "RegionOptions[timeout=" + (timeout == null ? "none" : timeout) + ", updateResetsTimeout="
                + updateResetsTimeout + ", codec=" + codec + ", nearCache=" + nearCache
                + ", loadLease=" + (loadLease == null ? "none" : loadLease) + "]";
    }
}

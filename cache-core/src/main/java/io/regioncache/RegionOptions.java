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

    private static final RegionOptions<Object> DEFAULTS = new RegionOptions<>(null, true, Codecs.javaSerialization(), true);

    private final Duration timeout;
    private final boolean updateResetsTimeout;
    private final Codec<V> codec;
    private final boolean nearCache;

    private RegionOptions(Duration timeout, boolean updateResetsTimeout, Codec<V> codec, boolean nearCache) {
        this.timeout = timeout;
        this.updateResetsTimeout = updateResetsTimeout;
        this.codec = codec;
        this.nearCache = nearCache;
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
        return new RegionOptions<>(timeout, updateResetsTimeout, codec, nearCache);
    }

    /** These options without a timeout: the region's hash lives until it is invalidated. */
    public RegionOptions<V> withoutTimeout() {
        return new RegionOptions<>(null, updateResetsTimeout, codec, nearCache);
    }

    /**
     * @param resets true (the default) to restart the timeout on every write and committed
     *               transaction; false to let it run from the write that created the hash
     */
    public RegionOptions<V> withUpdateResetsTimeout(boolean resets) {
        return new RegionOptions<>(timeout, resets, codec, nearCache);
    }

    /**
     * @throws NullPointerException if {@code codec} is null
     */
    public <W> RegionOptions<W> withCodec(Codec<W> codec) {
        return new RegionOptions<>(timeout, updateResetsTimeout, Objects.requireNonNull(codec, "codec"), nearCache);
    }

    /**
     * @param enabled true (the default) to serve this region's reads from the cache's near cache
     *                when it has one ({@code RegionCache.Builder.nearCacheSize}); false to send
     *                every read to the store, e.g. for values that callers modify in place
     */
    public RegionOptions<V> withNearCache(boolean enabled) {
        return new RegionOptions<>(timeout, updateResetsTimeout, codec, enabled);
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
                && codec.equals(that.codec) && nearCache == that.nearCache;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeout, updateResetsTimeout, codec, nearCache);
    }

    @Override
    public String toString() {
        return "RegionOptions[timeout=" + (timeout == null ? "none" : timeout) + ", updateResetsTimeout="
                + updateResetsTimeout + ", codec=" + codec + ", nearCache=" + nearCache + "]";
    }
}

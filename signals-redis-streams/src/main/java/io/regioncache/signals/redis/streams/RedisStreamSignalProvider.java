package io.regioncache.signals.redis.streams;

/**
 * Serves {@code redis-stream://[[user]:password@]host[:port]/STREAM[?db=N]} to
 * {@link io.regioncache.signals.Signals#of(String)}. Found by {@link java.util.ServiceLoader};
 * applications use {@code Signals.of}, not this class.
 *
 * <p>A signal made this way shares one {@link RedisStreamSignals} with every other such signal of
 * the same connection URL. It connects with the first subscription (which fails with a
 * {@link io.lettuce.core.RedisConnectionException} if Redis cannot be reached) and closes when the
 * last subscription is closed. For settings beyond the defaults, use {@link RedisStreamSignals}.
 */
public final class RedisStreamSignalProvider extends StreamSchemeProvider {

    /** Needed by {@link java.util.ServiceLoader}; does nothing. */
    public RedisStreamSignalProvider() {
        super("redis-stream");
    }
}

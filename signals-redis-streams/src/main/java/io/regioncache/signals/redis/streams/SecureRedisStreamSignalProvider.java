package io.regioncache.signals.redis.streams;

/**
 * Serves {@code rediss-stream://...} (Redis over TLS) to
 * {@link io.regioncache.signals.Signals#of(String)}, exactly as {@link RedisStreamSignalProvider}
 * serves {@code redis-stream://}. Found by {@link java.util.ServiceLoader}; applications use
 * {@code Signals.of}, not this class.
 */
public final class SecureRedisStreamSignalProvider extends StreamSchemeProvider {

    /** Needed by {@link java.util.ServiceLoader}; does nothing. */
    public SecureRedisStreamSignalProvider() {
        super("rediss-stream");
    }
}

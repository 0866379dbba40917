package io.regioncache.signals.redis;

/**
 * Serves {@code rediss://...?channel=NAME} (Redis over TLS) to
 * {@link io.regioncache.signals.Signals#of(String)}, exactly as {@link RedisSignalProvider} serves
 * {@code redis://}. Found by {@link java.util.ServiceLoader}; applications use {@code Signals.of},
 * not this class.
 */
public final class SecureRedisSignalProvider extends RedisSchemeProvider {

    /** Needed by {@link java.util.ServiceLoader}; does nothing. */
    public SecureRedisSignalProvider() {
        super("rediss");
    }
}

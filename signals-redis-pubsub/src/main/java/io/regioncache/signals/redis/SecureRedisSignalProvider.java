package io.regioncache.signals.redis;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalProvider;
import java.net.URI;

/**
 * Serves {@code rediss://...?channel=NAME} (Redis over TLS) to {@link io.regioncache.signals.Signals#of(String)},
 * exactly as {@link RedisSignalProvider} serves {@code redis://}. Found by {@link java.util.ServiceLoader};
 * applications use {@code Signals.of}, not this class.
 */
public final class SecureRedisSignalProvider implements SignalProvider {

    /** Needed by {@link java.util.ServiceLoader}; does nothing. */
    public SecureRedisSignalProvider() {
    }

    /** {@return {@code "rediss"}} */
    @Override
    public String scheme() {
        return "rediss";
    }

    /**
     * @throws NullPointerException     if {@code uri} is null
     * @throws IllegalArgumentException if the URI is malformed or names no single channel or pattern
     */
    @Override
    public Signal signal(URI uri) {
        return SignalUris.signal(uri);
    }
}

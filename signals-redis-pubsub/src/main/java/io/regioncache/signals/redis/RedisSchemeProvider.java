package io.regioncache.signals.redis;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalProvider;
import java.net.URI;

/**
 * What the {@code redis} and {@code rediss} providers share: the SPI gives each provider one
 * scheme, and both schemes read the same URIs.
 */
abstract class RedisSchemeProvider implements SignalProvider {

    private final String scheme;

    RedisSchemeProvider(String scheme) {
        this.scheme = scheme;
    }

    @Override
    public final String scheme() {
        return scheme;
    }

    /**
     * The signal of the URI's channel or pattern. Makes no connection: the first subscription does.
     *
     * @throws NullPointerException     if {@code uri} is null
     * @throws IllegalArgumentException if the URI is malformed or names no single channel or pattern
     */
    @Override
    public final Signal signal(URI uri) {
        return SignalUris.signal(uri);
    }
}

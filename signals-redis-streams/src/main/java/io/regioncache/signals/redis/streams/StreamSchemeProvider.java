package io.regioncache.signals.redis.streams;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalProvider;
import java.net.URI;
import java.util.Objects;

/**
 * What the {@code redis-stream} and {@code rediss-stream} providers share: the SPI gives each
 * provider one scheme, and both schemes read the same URIs.
 */
abstract class StreamSchemeProvider implements SignalProvider {

    private final String scheme;

    StreamSchemeProvider(String scheme) {
        this.scheme = scheme;
    }

    @Override
    public final String scheme() {
        return scheme;
    }

    /**
     * The signal of the URI's stream. Makes no connection: the first subscription does.
     *
     * @throws NullPointerException     if {@code uri} is null
     * @throws IllegalArgumentException if the URI is malformed
     */
    @Override
    public final Signal signal(URI uri) {
        return StreamUris.signal(Objects.requireNonNull(uri, "uri"));
    }
}

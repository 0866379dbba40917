package io.regioncache.signals;

import java.net.URI;

/** Resolves {@code local:NAME} to {@link Signals#named(String)}. */
public final class LocalSignalProvider implements SignalProvider {

    /** Needed by {@link java.util.ServiceLoader}; does nothing. */
    public LocalSignalProvider() {
    }

    @Override
    public String scheme() {
        return "local";
    }

    @Override
    public Signal signal(URI uri) {
        String name = uri.getSchemeSpecificPart();
        if (name == null || name.isEmpty() || name.startsWith("/")) {
            throw new IllegalArgumentException("Expected local:NAME, got '" + uri + "'");
        }
        return Signals.named(name);
    }
}

package io.regioncache.signals;

import java.net.URI;

/**
 * The service-provider interface through which {@link Signals#of(String)} finds transports.
 *
 * <p>Each adapter module declares its provider in
 * {@code META-INF/services/io.regioncache.signals.SignalProvider}. Implementations need a public
 * no-argument constructor that does no I/O; connections are opened by {@link #signal(URI)}.
 */
public interface SignalProvider {

    /** The URI scheme this provider serves, such as {@code "kafka"}, {@code "redis"}, {@code "local"}. */
    String scheme();

    /**
     * The signal a URI of this provider's scheme names.
     *
     * @throws IllegalArgumentException if the URI is malformed for this transport
     */
    Signal signal(URI uri);
}

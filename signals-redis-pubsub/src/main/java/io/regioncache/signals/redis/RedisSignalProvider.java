package io.regioncache.signals.redis;

/**
 * Serves {@code redis://[[user]:password@]host[:port][/db]?channel=NAME} (or {@code ?pattern=GLOB})
 * to {@link io.regioncache.signals.Signals#of(String)}. Found by {@link java.util.ServiceLoader};
 * applications use {@code Signals.of}, not this class.
 *
 * <p>A signal made this way shares one pub/sub connection with every other such signal of the same
 * connection URL. The connection opens with the first subscription (which fails with a
 * {@link RedisSignalException} if Redis cannot be reached) and closes when the
 * last subscription is closed. To manage the connection yourself, use {@link RedisPubSubSignals}.
 */
public final class RedisSignalProvider extends RedisSchemeProvider {

    /** Needed by {@link java.util.ServiceLoader}; does nothing. */
    public RedisSignalProvider() {
        super("redis");
    }
}

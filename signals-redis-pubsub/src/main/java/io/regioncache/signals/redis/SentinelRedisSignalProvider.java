package io.regioncache.signals.redis;

/**
 * Serves {@code redis-sentinel://[[user]:password@]host[:port][,host[:port]...][/db]?channel=NAME#MASTER}
 * (or {@code ?pattern=GLOB}) to {@link io.regioncache.signals.Signals#of(String)}: the channel or
 * pattern on the master the Sentinels name, followed to the new master after a failover (with a
 * possible loss reported), exactly as {@link RedisSignalProvider} serves {@code redis://}. Found by
 * {@link java.util.ServiceLoader}; applications use {@code Signals.of}, not this class.
 */
public final class SentinelRedisSignalProvider extends RedisSchemeProvider {

    /** Needed by {@link java.util.ServiceLoader}; does nothing. */
    public SentinelRedisSignalProvider() {
        super("redis-sentinel");
    }
}

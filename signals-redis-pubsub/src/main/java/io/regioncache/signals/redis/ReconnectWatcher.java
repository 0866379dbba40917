package io.regioncache.signals.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the pub/sub connection comes back after it was lost. Lettuce calls it on its event
 * loop, so it only starts asynchronous work.
 */
final class ReconnectWatcher implements RedisConnectionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(ReconnectWatcher.class);

    private final String redactedUrl;
    private final Runnable onReconnect;
    // The first "connected" is the initial connection; only one that follows a loss is a reconnect.
    private final AtomicBoolean lost = new AtomicBoolean();
    // Registered before the first connection so that no loss can slip in unseen, but a first
    // connection that fails is reported by create(), not as a lost connection. The client reports
    // its other connections too (a cluster client's topology probes): only this one counts.
    private volatile Object watched;

    ReconnectWatcher(String redactedUrl, Runnable onReconnect) {
        this.redactedUrl = redactedUrl;
        this.onReconnect = onReconnect;
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        if (connection == watched && !lost.getAndSet(true)) {
            LOG.warn("Redis pub/sub connection to {} lost; messages published until it is back are missed, "
                    + "and listeners will be told so", redactedUrl);
        }
    }

    /**
     * Called once the first connection is up and ready, with that connection. A drop before this
     * concerned a connection without subscriptions, so nothing can have been missed: it is forgotten.
     */
    void established(Object connection) {
        lost.set(false);
        watched = connection;
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
        if (connection == watched && lost.getAndSet(false)) {
            onReconnect.run();
        }
    }
}

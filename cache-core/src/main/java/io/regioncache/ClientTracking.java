package io.regioncache;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link NearCache} coherent with Redis' server-assisted client-side caching: turns
 * {@code CLIENT TRACKING} on for the cache's connection each time it connects (a reconnect starts
 * untracked), and reads the invalidation pushes on that same connection, in order with the
 * replies, so that a push can never overtake the reply it invalidates.
 *
 * <p>Default tracking (the keys this connection read), not broadcast: a region is one Redis hash,
 * so a push names the hash of a region whose entries this process holds, and writes to regions
 * it never read cost it nothing. A read that fills the near cache also reads the generation keys
 * of the region's lineage (in the same round trip), so that a purge of any ancestor is heard in
 * one push. When the connection drops the near cache is flushed and bypassed
 * until tracking is on again on the new one.
 */
final class ClientTracking implements RedisConnectionStateListener, PushListener {

    private static final Logger LOG = LoggerFactory.getLogger(ClientTracking.class);

    private final NearCache near;
    private final RedisKeyLayout layout;
    private final Set<RedisChannelHandler<?, ?>> listenedTo = ConcurrentHashMap.newKeySet();

    ClientTracking(NearCache near, RedisKeyLayout layout) {
        this.near = near;
        this.layout = layout;
    }

    NearCache near() {
        return near;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress remote) {
        if (!(connection instanceof StatefulRedisConnection)) {
            return;
        }
        StatefulRedisConnection<String, byte[]> redis = (StatefulRedisConnection<String, byte[]>) connection;
        if (listenedTo.add(connection)) {
            // The listener stays on the connection across reconnects: added once.
            redis.addListener((PushListener) this);
        }
        redis.async().clientTracking(TrackingArgs.Builder.enabled()).whenComplete((ok, failure) -> {
            if (failure == null) {
                near.trackingOn();
                LOG.debug("Near cache tracking on for {}", connection);
            } else {
                LOG.warn("The near cache stays off: CLIENT TRACKING failed ({}); it needs Redis 6 or later over RESP3",
                        failure.getMessage());
            }
        });
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        near.trackingLost();
    }

    @Override
    public void onPushMessage(PushMessage message) {
        if (!"invalidate".equals(message.getType())) {
            return;
        }
        List<Object> content = message.getContent(bytes -> StandardCharsets.UTF_8.decode(bytes).toString());
        Object keys = content.size() > 1 ? content.get(1) : null;
        if (!(keys instanceof List)) {
            // A null key list: Redis flushed its tracking table (FLUSHALL, FLUSHDB): forget everything.
            near.flush();
            return;
        }
        for (Object key : (List<?>) keys) {
            invalidateKey(String.valueOf(key));
        }
    }

    /**
     * A region's hash is its prefixed name: a write there drops the region's entries. Its
     * generation key is replaced first by a purge (and by a fenced remove or key invalidation):
     * that drops the region's and its descendants' entries in one step, before the pushes of the
     * purge's deleted hashes arrive one by one. Child sets, leases and other keys hold no near entries.
     */
    private void invalidateKey(String key) {
        layout.generationOf(key).ifPresentOrElse(near::invalidateTree, () -> layout.regionOf(key).ifPresent(near::invalidate));
    }
}

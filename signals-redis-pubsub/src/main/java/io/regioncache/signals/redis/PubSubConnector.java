package io.regioncache.signals.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the pub/sub connection of a {@link RedisPubSubSignals}: to a standalone Redis, to the
 * master a Sentinel names, or to a Redis Cluster, whether the URL lists several seeds or names one
 * node that turns out to belong to a cluster.
 *
 * <p>On a cluster, Lettuce's {@link RedisClusterClient} subscribes on one node: a classic PUBLISH on
 * any node reaches the subscribers of every node, so one is enough. When that node fails, Lettuce
 * reconnects to another node of the topology, which it keeps fresh (periodically and on the events
 * that hint at a change, such as MOVED replies or reconnects).
 */
final class PubSubConnector {

    private static final Logger LOG = LoggerFactory.getLogger(PubSubConnector.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(30);

    /** A connected client and its pub/sub connection; shutting the client down closes both. */
    record Connected(AbstractRedisClient client, StatefulRedisPubSubConnection<String, String> connection) {

        void shutDown() {
            client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
        }
    }

    private PubSubConnector() {
    }

    /**
     * Connects, with {@code watcher} registered before the first connection so that no later loss
     * goes unseen. On failure every client made here is shut down before the exception leaves.
     *
     * @param seeds     what {@link io.regioncache.signals.redis.internal.RedisUrl#parseSeeds} read
     * @param keepAlive socket options every connection uses
     */
    static Connected connect(List<RedisURI> seeds, ClientResources resources, SocketOptions keepAlive,
                             RedisConnectionStateListener watcher) {
        if (seeds.size() > 1) {
            return connectCluster(seeds, resources, keepAlive, watcher);
        }
        RedisURI uri = seeds.get(0);
        // A client made on given resources never shuts them down: Lettuce counts them as shared.
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder().socketOptions(keepAlive).build());
        client.addListener(watcher);
        StatefulRedisPubSubConnection<String, String> connection;
        boolean cluster;
        try {
            connection = client.connectPubSub(StringCodec.UTF8);
            // A Sentinel names a master, never a cluster node: only a plain URL needs the question.
            cluster = uri.getSentinels().isEmpty() && isClusterNode(connection);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
            throw e;
        }
        if (!cluster) {
            return new Connected(client, connection);
        }
        LOG.debug("{} is a Redis Cluster node; subscribing through the cluster client", uri.getHost());
        client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
        return connectCluster(seeds, resources, keepAlive, watcher);
    }

    private static Connected connectCluster(List<RedisURI> seeds, ClientResources resources, SocketOptions keepAlive,
                                            RedisConnectionStateListener watcher) {
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        client.setOptions(ClusterClientOptions.builder()
                .socketOptions(keepAlive)
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                        .build())
                .build());
        client.addListener(watcher);
        try {
            return new Connected(client, client.connectPubSub(StringCodec.UTF8));
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
            throw e;
        }
    }

    /**
     * Whether the server runs in cluster mode. A user whose ACL forbids INFO is taken to be on a
     * standalone server, as before cluster support: its subscriptions work on a cluster node too,
     * only without moving to another node when that one fails.
     */
    private static boolean isClusterNode(StatefulRedisPubSubConnection<String, String> connection) {
        try {
            return connection.sync().info("cluster").lines().anyMatch(line -> line.trim().equals("cluster_enabled:1"));
        } catch (RedisCommandExecutionException e) {
            LOG.debug("Could not ask Redis whether it runs as a cluster node; taking it as standalone", e);
            return false;
        }
    }
}

package io.regioncache.cli;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A session on a Redis Cluster: each command goes to the master that owns its key's slot, so
 * scripts, {@code MEMORY USAGE} and reads run on the node that holds the region's subtree.
 */
final class ClusterSession implements RedisSession {

    private final List<RedisURI> seeds;
    private final ClientResources resources;
    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<String, byte[]> connection;

    private ClusterSession(List<RedisURI> seeds, ClientResources resources, RedisClusterClient client,
                           StatefulRedisClusterConnection<String, byte[]> connection) {
        this.seeds = seeds;
        this.resources = resources;
        this.client = client;
        this.connection = connection;
    }

    /** @throws RedisUnavailableException if no seed answers, or one refuses the credentials */
    static ClusterSession connect(List<RedisURI> seeds) {
        seeds.forEach(StandaloneSession::configure);
        ClientResources resources = StandaloneSession.resources();
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        client.setOptions(ClusterClientOptions.builder()
                // As on a standalone Redis: a CLI run fails at once when a node goes away.
                .autoReconnect(false)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build());
        try {
            StatefulRedisClusterConnection<String, byte[]> connection = client.connect(StandaloneSession.CODEC);
            // Every master's connection now, by host and port as commands routed by slot look it up:
            // a command queued for a node whose connection is still being made is rejected (the
            // session does not reconnect), or with a pipeline's flush withheld, missed.
            for (RedisClusterNode node : client.getPartitions()) {
                if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                    connection.getConnection(node.getUri().getHost(), node.getUri().getPort());
                }
            }
            return new ClusterSession(List.copyOf(seeds), resources, client, connection);
        } catch (RedisException e) {
            StandaloneSession.shutdown(client, resources);
            throw new RedisUnavailableException("Cannot connect to the Redis Cluster at " + display(seeds), e);
        } catch (RuntimeException e) {
            StandaloneSession.shutdown(client, resources);
            throw e;
        }
    }

    @Override
    public RedisClusterCommands<String, byte[]> commands() {
        return connection.sync();
    }

    @Override
    public List<RedisClusterCommands<String, byte[]>> masters() {
        List<RedisClusterCommands<String, byte[]>> masters = new ArrayList<>();
        connection.sync().upstream().asMap().values().forEach(masters::add);
        return masters;
    }

    @Override
    public boolean cluster() {
        return true;
    }

    @Override
    public void pipeline(Consumer<RedisClusterAsyncCommands<String, byte[]>> queue) {
        RedisSession.pipeline(connection, () -> queue.accept(connection.async()));
    }

    /**
     * A keyspace notification is published only by the node whose key changed, so the patterns are
     * subscribed on every master, through one cluster pub/sub connection that passes each node's
     * messages to one listener (node message propagation). The session's one I/O thread delivers
     * them all, so the listener sees each node's notifications in their order, one at a time.
     */
    @Override
    public AutoCloseable subscribeKeyspace(List<String> patterns, BiConsumer<String, String> listener) {
        String channelPrefix = RedisSession.keyspaceChannelPrefix(0);
        StatefulRedisClusterPubSubConnection<String, String> pubSub = client.connectPubSub(StringCodec.UTF8);
        try {
            pubSub.setNodeMessagePropagation(true);
            pubSub.addListener(new RedisClusterPubSubAdapter<>() {
                @Override
                public void message(RedisClusterNode node, String pattern, String channel, String message) {
                    listener.accept(channel.substring(channelPrefix.length()), message);
                }
            });
            pubSub.sync().upstream().commands()
                    .psubscribe(patterns.stream().map(pattern -> channelPrefix + pattern).toArray(String[]::new));
            return pubSub::close;
        } catch (RuntimeException e) {
            pubSub.close();
            throw e;
        }
    }

    @Override
    public String display() {
        return display(seeds);
    }

    /** {@code scheme://h1:p1,h2:p2}: the seeds, never credentials (a cluster has only database 0). */
    private static String display(List<RedisURI> seeds) {
        StringBuilder hosts = new StringBuilder();
        seeds.forEach(seed -> hosts.append(hosts.length() == 0 ? "" : ",").append(seed.getHost()).append(':').append(seed.getPort()));
        return (seeds.get(0).isSsl() ? "rediss" : "redis") + "://" + hosts;
    }

    @Override
    public void close() {
        connection.close();
        StandaloneSession.shutdown(client, resources);
    }
}

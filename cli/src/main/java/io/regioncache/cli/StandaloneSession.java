package io.regioncache.cli;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A session on one standalone Redis, or on the master a Sentinel names ({@code redis-sentinel://}
 * URL: Lettuce asks the Sentinels for the master's address, for commands and pub/sub alike).
 */
final class StandaloneSession implements RedisSession {

    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** Lets operators tell the CLI's connections apart in CLIENT LIST. */
    private static final String CLIENT_NAME = "region-cache-cli";

    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;

    private StandaloneSession(RedisURI uri, ClientResources resources, RedisClient client,
                              StatefulRedisConnection<String, byte[]> connection) {
        this.uri = uri;
        this.resources = resources;
        this.client = client;
        this.connection = connection;
    }

    /** @throws RedisUnavailableException if Redis (or every Sentinel) cannot be reached or refuses the credentials */
    static StandaloneSession connect(RedisURI uri) {
        configure(uri);
        ClientResources resources = resources();
        RedisClient client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                // A CLI run fails at once when Redis goes away instead of reconnecting behind the user's back.
                .autoReconnect(false)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build());
        try {
            return new StandaloneSession(uri, resources, client, client.connect(CODEC, uri));
        } catch (RedisConnectionException e) {
            shutdown(client, resources);
            throw new RedisUnavailableException("Cannot connect to Redis at " + display(uri), e);
        } catch (RuntimeException e) {
            shutdown(client, resources);
            throw e;
        }
    }

    /** The command timeout and the client name every connection of the CLI uses. */
    static void configure(RedisURI uri) {
        uri.setTimeout(COMMAND_TIMEOUT);
        uri.setClientName(CLIENT_NAME);
    }

    /** A command-line run needs one I/O thread, not one per core. */
    static ClientResources resources() {
        return DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
    }

    /**
     * Whether the server is a node of a Redis Cluster ({@code cluster_enabled:1}), as the library
     * checks at connect; a server that refuses INFO (an ACL without it) is taken as standalone.
     */
    boolean isClusterNode() {
        try {
            return connection.sync().info("cluster").contains("cluster_enabled:1");
        } catch (RedisCommandExecutionException e) {
            return false;
        }
    }

    @Override
    public RedisClusterCommands<String, byte[]> commands() {
        return connection.sync();
    }

    @Override
    public List<RedisClusterCommands<String, byte[]>> masters() {
        return List.of(connection.sync());
    }

    @Override
    public boolean cluster() {
        return false;
    }

    @Override
    public void pipeline(Consumer<RedisClusterAsyncCommands<String, byte[]>> queue) {
        RedisSession.pipeline(connection, () -> queue.accept(connection.async()));
    }

    @Override
    public AutoCloseable subscribeKeyspace(List<String> patterns, BiConsumer<String, String> listener) {
        String channelPrefix = RedisSession.keyspaceChannelPrefix(uri.getDatabase());
        StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub(StringCodec.UTF8, uri);
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                listener.accept(channel.substring(channelPrefix.length()), message);
            }
        });
        pubSub.sync().psubscribe(patterns.stream().map(pattern -> channelPrefix + pattern).toArray(String[]::new));
        return pubSub::close;
    }

    @Override
    public String display() {
        return display(uri);
    }

    /** {@code scheme://host:port/db}, or {@code redis-sentinel://s1:p1,s2:p2/db#master}. */
    private static String display(RedisURI uri) {
        if (!uri.getSentinels().isEmpty()) {
            StringBuilder sentinels = new StringBuilder();
            uri.getSentinels().forEach(sentinel -> sentinels.append(sentinels.length() == 0 ? "" : ",")
                    .append(sentinel.getHost()).append(':').append(sentinel.getPort()));
            return "redis-sentinel://" + sentinels + "/" + uri.getDatabase() + "#" + uri.getSentinelMasterId();
        }
        return (uri.isSsl() ? "rediss" : "redis") + "://" + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    @Override
    public void close() {
        connection.close();
        shutdown(client, resources);
    }

    static void shutdown(AbstractRedisClient client, ClientResources resources) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}

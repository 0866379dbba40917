package io.regioncache.cli;

import io.lettuce.core.ClientOptions;
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

/** A session on one standalone Redis. */
final class StandaloneSession implements RedisSession {

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
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

    /**
     * @throws IllegalArgumentException  for a Sentinel URL, which this session does not handle yet
     * @throws RedisUnavailableException if Redis cannot be reached or refuses the credentials
     */
    static StandaloneSession connect(RedisURI uri) {
        if (!uri.getSentinels().isEmpty()) {
            throw new IllegalArgumentException("Sentinel URLs are not supported by the CLI yet: give the master's "
                    + "redis:// URL");
        }
        uri.setTimeout(COMMAND_TIMEOUT);
        uri.setClientName(CLIENT_NAME);
        // A command-line run needs one I/O thread, not one per core.
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
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

    @Override
    public RedisClusterCommands<String, byte[]> commands() {
        return connection.sync();
    }

    @Override
    public void pipeline(Consumer<RedisClusterAsyncCommands<String, byte[]>> queue) {
        connection.setAutoFlushCommands(false);
        try {
            queue.accept(connection.async());
        } finally {
            connection.flushCommands();
            connection.setAutoFlushCommands(true);
        }
    }

    @Override
    public AutoCloseable subscribeKeyspace(List<String> patterns, BiConsumer<String, String> listener) {
        String channelPrefix = "__keyspace@" + uri.getDatabase() + "__:";
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

    private static String display(RedisURI uri) {
        return (uri.isSsl() ? "rediss" : "redis") + "://" + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    @Override
    public void close() {
        connection.close();
        shutdown(client, resources);
    }

    private static void shutdown(RedisClient client, ClientResources resources) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}

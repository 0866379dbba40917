package io.regioncache.signals.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;

/** A plain command connection for a test class: it publishes and inspects, it does not subscribe. */
final class TestConnection implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private TestConnection(String url) {
        this.client = RedisClient.create(url);
        this.connection = client.connect();
    }

    static TestConnection to(String url) {
        return new TestConnection(url);
    }

    RedisCommands<String, String> commands() {
        return connection.sync();
    }

    void publish(String channel, String message) {
        commands().publish(channel, message);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}

package io.regioncache.signals.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A plain command connection for tests: it publishes and inspects, it does not subscribe. Use it
 * with try-with-resources, or as a class-wide extension that connects on first use and closes
 * after the class:
 * <pre>{@code @RegisterExtension static final TestConnection publisher = TestConnection.toTestRedis();}</pre>
 */
final class TestConnection implements AutoCloseable, AfterAllCallback {

    private final Supplier<String> url;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    private TestConnection(Supplier<String> url) {
        this.url = url;
    }

    static TestConnection to(String url) {
        TestConnection connection = new TestConnection(() -> url);
        connection.commands();
        return connection;
    }

    /** A connection to {@link TestRedis}, made when first used. */
    static TestConnection toTestRedis() {
        return new TestConnection(TestRedis::url);
    }

    synchronized RedisCommands<String, String> commands() {
        if (connection == null) {
            client = RedisClient.create(url.get());
            connection = client.connect();
        }
        return connection.sync();
    }

    void publish(String channel, String message) {
        commands().publish(channel, message);
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            connection = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}

package io.regioncache.testsupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * The Redis the tests talk to, found once per JVM in this order (docs/design.md, "Tests"):
 * <ol>
 *   <li>{@code REGION_CACHE_TEST_REDIS_URL}, if set;</li>
 *   <li>a Testcontainers Redis, when a Docker engine answers;</li>
 *   <li>{@code redis://127.0.0.1:6379}, if it answers PING;</li>
 *   <li>otherwise every test that asks fails, with a message that says how to provide one.</li>
 * </ol>
 * Tests never flush a Redis they did not start: each test class takes its own key prefix from
 * {@link #uniquePrefix(Class)} and removes only its own keys with {@link #deleteKeys(String)}.
 */
public final class TestRedis {

    public static final String URL_VARIABLE = "REGION_CACHE_TEST_REDIS_URL";
    private static final String LOCAL_URL = "redis://127.0.0.1:6379";
    private static final Logger LOG = LoggerFactory.getLogger(TestRedis.class);

    private static String url;
    private static GenericContainer<?> container;

    private TestRedis() {
    }

    /** The URL of the test Redis; fails the calling test with instructions if there is none. */
    public static synchronized String url() {
        if (url == null) {
            url = locate();
        }
        return url;
    }

    /** A key prefix no other test class or run uses, such as {@code "it:RegionIT:5f1c2a:"}. */
    public static String uniquePrefix(Class<?> testClass) {
        return "it:" + testClass.getSimpleName() + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /** Deletes every key that starts with {@code prefix}, and nothing else. */
    public static void deleteKeys(String prefix) {
        deleteKeys(url(), prefix);
    }

    /**
     * Deletes every key that starts with {@code prefix}, and nothing else, on the Redis at
     * {@code redisUrl} (the benchmarks purge their own keys on the Redis they measure).
     */
    public static void deleteKeys(String redisUrl, String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("Refusing to delete keys without a prefix");
        }
        withCommands(redisUrl, redis -> {
            ScanArgs match = ScanArgs.Builder.matches(escapeGlob(prefix) + "*").limit(1000);
            KeyScanCursor<String> cursor = redis.scan(match);
            while (true) {
                if (!cursor.getKeys().isEmpty()) {
                    redis.unlink(cursor.getKeys().toArray(String[]::new));
                }
                if (cursor.isFinished()) {
                    return null;
                }
                cursor = redis.scan(ScanCursor.of(cursor.getCursor()), match);
            }
        });
    }

    /** Runs {@code work} on a short-lived connection of its own to the test Redis. */
    public static <T> T withCommands(java.util.function.Function<RedisCommands<String, String>, T> work) {
        return withCommands(url(), work);
    }

    /** Runs {@code work} on a short-lived connection of its own to the Redis at {@code redisUrl}. */
    public static <T> T withCommands(String redisUrl,
            java.util.function.Function<RedisCommands<String, String>, T> work) {
        RedisClient client = RedisClient.create(RedisURI.create(redisUrl));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return work.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static String locate() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            requirePing(configured, "the Redis at " + URL_VARIABLE + " does not answer PING");
            return configured;
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            container = new GenericContainer<>("redis:7.4-alpine").withExposedPorts(6379);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-redis-container-stop"));
            LOG.info("Tests use a Testcontainers Redis");
            return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        }
        requirePing(LOCAL_URL, "no Redis for the tests: set " + URL_VARIABLE + "=redis://host:port, "
                + "start a Docker engine (Testcontainers then starts one), or run a Redis on 127.0.0.1:6379 "
                + "(Debian: apt-get install -y redis-server && redis-server --daemonize yes --bind 127.0.0.1 "
                + "--save \"\" --appendonly no)");
        return LOCAL_URL;
    }

    private static void requirePing(String redisUrl, String failure) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().ping();
        } catch (RuntimeException e) {
            throw new IllegalStateException(failure + " (" + e.getMessage() + ")", e);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static String escapeGlob(String literal) {
        return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}

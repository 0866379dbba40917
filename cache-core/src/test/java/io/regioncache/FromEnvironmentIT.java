package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.regioncache.testsupport.RedisServerProcess;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every REGION_CACHE_* variable is applied, under our names and under Python region_cache's. */
class FromEnvironmentIT {

    private final String prefix = TestRedis.uniquePrefix(FromEnvironmentIT.class);

    @AfterEach
    void cleanUp() {
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void everyVariableIsApplied() {
        Map<String, String> environment = Map.of(
                "REGION_CACHE_URL", TestRedis.url(),
                "REGION_CACHE_ROOT", "app",
                "REGION_CACHE_KEY_PREFIX", prefix,
                "REGION_CACHE_COMMAND_TIMEOUT", "PT3S",
                "REGION_CACHE_FAILURE_POLICY", "raise",
                "REGION_CACHE_SERIAL_FILTER", CodecsTest.Point.class.getName());

        try (RegionCache cache = RegionCache.fromEnvironment(environment)) {
            cache.region("points").put("p", new CodecsTest.Point(1, 2));
            cache.region("points").put("list", List.of(new CodecsTest.Point(3, 4)));
            assertThat(cache.region("points").get("list")).as("the variable extends the default allow-list")
                    .isEqualTo(List.of(new CodecsTest.Point(3, 4)));

            assertThat(cache.toString()).contains("root=app", "keyPrefix=" + prefix, "RAISE", "commandTimeout=PT3S");
            assertThat(cache.region("points").get("p")).isEqualTo(new CodecsTest.Point(1, 2));
            long stored = TestRedis.withCommands(redis -> redis.exists(prefix + "app.points"));
            assertThat(stored).isEqualTo(1);
        }
    }

    @Test
    void aTimeoutInMillisecondsIsAccepted() {
        try (RegionCache cache = RegionCache.fromEnvironment(Map.of("REGION_CACHE_URL", TestRedis.url(),
                "REGION_CACHE_KEY_PREFIX", prefix, "REGION_CACHE_COMMAND_TIMEOUT", "1500"))) {
            cache.region("r").put("k", 1);

            assertThat(cache.region("r").get("k")).isEqualTo(1);
            assertThat(cache.toString()).contains("root=root", "DEGRADE", "commandTimeout=PT1.5S");
        }
    }

    @Test
    void pythonStyleVariablesReachAPasswordProtectedRedis() {
        String password = "p@ss:w/rd?#%+ é";
        try (RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning")) {
            // Set after start, so that the server's readiness check can still connect without one.
            server.withCommands(redis -> redis.configSet("requirepass", password));
            Map<String, String> environment = Map.of(
                    "REGION_CACHE_HOST", "127.0.0.1",
                    "REGION_CACHE_PORT", Integer.toString(server.port()),
                    "REGION_CACHE_DB", "2",
                    "REGION_CACHE_PASSWORD", password,
                    "REGION_CACHE_OP_TIMEOUT", "0.5",
                    "REGION_CACHE_OP_TIMEOUT_RAISE", "True",
                    "REGION_CACHE_OP_TIMEOUT_RECONNECT", "False",
                    "REGION_CACHE_RECONNECT_BACKOFF", "1");

            try (CapturedLog log = new CapturedLog(); RegionCache cache = RegionCache.fromEnvironment(environment)) {
                cache.region("r").put("k", "v");

                assertThat(cache.region("r").get("k")).isEqualTo("v");
                assertThat(existsInDatabaseTwo(server.port(), password, "root.r")).isTrue();
                assertThat(cache.toString()).contains("redis://127.0.0.1:" + server.port() + "/2", "commandTimeout=PT0.5S", "RAISE")
                        .doesNotContain("w/rd");
                assertThat(log.text()).contains("REGION_CACHE_OP_TIMEOUT_RECONNECT, REGION_CACHE_RECONNECT_BACKOFF accepted")
                        .doesNotContain("w/rd");
            }

            Map<String, String> wrong = new java.util.HashMap<>(environment);
            wrong.put("REGION_CACHE_PASSWORD", "wr0ng-" + password);
            try (CapturedLog log = new CapturedLog()) {
                assertThatThrownBy(() -> RegionCache.fromEnvironment(wrong)).isExactlyInstanceOf(RegionCacheException.class)
                        .hasMessageContaining("WRONGPASS").hasMessageNotContaining("w/rd");
                assertThat(log.text()).doesNotContain("w/rd");
            }
        }
    }

    /** Asked on a connection of the test's own, with the password given apart from any URL. */
    private static boolean existsInDatabaseTwo(int port, String password, String key) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port)
                .withPassword(password.toCharArray()).withDatabase(2).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().exists(key) == 1;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Redis that answers but refuses the URL's settings is a configuration error: build() fails at
 * once under both policies with a RegionCacheException naming the cause, rather than starting a
 * degraded cache that would retry forever. A private server with a password and an ACL user.
 */
class MisconfigurationIT {

    private static final String PASSWORD = "Sh0uld-never-show";
    private static RedisServerProcess server;

    @BeforeAll
    static void startServerWithAPasswordAndAnAclUser() {
        server = RedisServerProcess.start("--user", "alice", "on", ">" + PASSWORD, "~*", "&*", "+@all",
                "--loglevel", "warning");
        // Set after start, so that the server's readiness check can still connect without one.
        server.withCommands(redis -> redis.configSet("requirepass", PASSWORD));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static String url(String userInfo, String path) {
        return "redis://" + userInfo + "127.0.0.1:" + server.port() + path;
    }

    static Stream<Arguments> misconfigurations() {
        String plainServer = "rediss://:" + PASSWORD + "@127.0.0.1:" + server.port();
        Stream<Arguments> cases = Stream.of(
                Arguments.of("a wrong password", url(":wr0ng@", ""), "WRONGPASS"),
                Arguments.of("an unknown ACL user", url("mallory:" + PASSWORD + "@", ""), "WRONGPASS"),
                Arguments.of("no password", url("", ""), "NOAUTH"),
                Arguments.of("a database beyond the server's", url("alice:" + PASSWORD + "@", "/99"), "DB index is out of range"),
                Arguments.of("rediss:// against a plain server", plainServer, "TLS handshake"));
        return cases.flatMap(c -> Stream.of(FailurePolicy.values()).map(policy ->
                Arguments.of(c.get()[0], c.get()[1], c.get()[2], policy)));
    }

    @ParameterizedTest(name = "{0} under {3}")
    @MethodSource("misconfigurations")
    void failsTheBuildAtOnceNamingTheCause(String what, String url, String cause, FailurePolicy policy) {
        assertMisconfigured(url, policy, cause);
    }

    @Test
    void aDegradedCacheThatFindsARefusingRedisLaterThrowsRatherThanMisses() {
        try (RedisServerProcess later = RedisServerProcess.start("--loglevel", "warning")) {
            later.stop();
            try (CapturedLog log = new CapturedLog(); RegionCache cache = RegionCache.connect(later.url())) {
                later.restart();
                later.withCommands(redis -> redis.configSet("requirepass", PASSWORD));

                // The next connect attempt comes at most once a second after the failed one at build.
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThatThrownBy(() -> cache.region("r").get("k"))
                        .isExactlyInstanceOf(RegionCacheException.class).hasMessageContaining("NOAUTH"));
                assertThatThrownBy(() -> cache.region("r").get("k")).as("until the next attempt, the same error, not a miss")
                        .isExactlyInstanceOf(RegionCacheException.class).hasMessageContaining("NOAUTH");
                assertThat(log.text()).contains("starts degraded");
            }
        }
    }

    private static void assertMisconfigured(String url, FailurePolicy policy, String cause) {
        RegionCache.Builder builder = RegionCache.builder().redisUrl(url).failurePolicy(policy)
                .commandTimeout(Duration.ofMillis(1500));
        long start = System.nanoTime();

        assertThatThrownBy(builder::build).isExactlyInstanceOf(RegionCacheException.class)
                .hasMessageContaining(cause).hasMessageContaining("127.0.0.1:" + server.port())
                .satisfies(failure -> {
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD).doesNotContain("wr0ng");
                    }
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("at once: one attempt, no retries")
                .isLessThan(Duration.ofSeconds(5));
    }
}

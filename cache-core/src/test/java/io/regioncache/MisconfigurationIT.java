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
    /** For a server that answers the handshake with an error: the failure comes back at once. */
    private static final Duration ANSWERED = Duration.ofMillis(1500);
    /**
     * For rediss:// against a plain server, which never answers the TLS hello: the handshake times
     * out after the command timeout, then a plain PING, given as long, shows the server speaks
     * plain text. Generous, so that a loaded machine's slow PONG is not taken for an outage.
     */
    private static final Duration PROBED = Duration.ofSeconds(3);
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
                Arguments.of("a wrong password", url(":wr0ng@", ""), "WRONGPASS", ANSWERED),
                Arguments.of("an unknown ACL user", url("mallory:" + PASSWORD + "@", ""), "WRONGPASS", ANSWERED),
                Arguments.of("no password", url("", ""), "NOAUTH", ANSWERED),
                Arguments.of("a database beyond the server's", url("alice:" + PASSWORD + "@", "/99"),
                        "DB index is out of range", ANSWERED),
                Arguments.of("rediss:// against a plain server", plainServer, "TLS handshake", PROBED));
        return cases.flatMap(c -> Stream.of(FailurePolicy.values()).map(policy ->
                Arguments.of(c.get()[0], c.get()[1], c.get()[2], c.get()[3], policy)));
    }

    @ParameterizedTest(name = "{0} under {4}")
    @MethodSource("misconfigurations")
    void failsTheBuildAtOnceNamingTheCause(String what, String url, String cause, Duration commandTimeout,
                                           FailurePolicy policy) {
        assertMisconfigured(url, policy, cause, commandTimeout);
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

    private static void assertMisconfigured(String url, FailurePolicy policy, String cause, Duration commandTimeout) {
        RegionCache.Builder builder = RegionCache.builder().redisUrl(url).failurePolicy(policy)
                .commandTimeout(commandTimeout);
        long start = System.nanoTime();

        assertThatThrownBy(builder::build).isExactlyInstanceOf(RegionCacheException.class)
                .hasMessageContaining(cause).hasMessageContaining("127.0.0.1:" + server.port())
                .satisfies(failure -> {
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD).doesNotContain("wr0ng");
                    }
                });
        // One attempt: at most its handshake and the plain-text probe, each bounded by the command timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("at once: one attempt, no retries")
                .isLessThan(commandTimeout.multipliedBy(2).plusSeconds(2));
    }
}

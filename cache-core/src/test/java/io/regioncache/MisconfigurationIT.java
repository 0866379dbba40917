package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void aWrongPasswordFailsTheBuildNamingWrongpass(FailurePolicy policy) {
        assertMisconfigured(url(":wr0ng@", ""), policy, "WRONGPASS");
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void anUnknownAclUserFailsTheBuildNamingWrongpass(FailurePolicy policy) {
        assertMisconfigured(url("mallory:" + PASSWORD + "@", ""), policy, "WRONGPASS");
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void noPasswordFailsTheBuildNamingNoauth(FailurePolicy policy) {
        assertMisconfigured(url("", ""), policy, "NOAUTH");
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void aDatabaseBeyondTheServersFailsTheBuild(FailurePolicy policy) {
        assertMisconfigured(url("alice:" + PASSWORD + "@", "/99"), policy, "DB index is out of range");
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void tlsAgainstAPlainServerFailsTheBuildNamingTheHandshake(FailurePolicy policy) {
        assertMisconfigured("rediss://:" + PASSWORD + "@127.0.0.1:" + server.port(), policy, "TLS handshake");
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

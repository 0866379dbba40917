package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regioncache.testsupport.RedisClusterProcesses;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Redis Cluster that refuses the seeds' credentials is a configuration error, as a single server
 * is: build() fails at once under both policies with a RegionCacheException that names the seeds
 * and the server's answer but not the password, rather than starting a degraded cache that would
 * retry forever. A private cluster of three masters behind a password.
 */
class ClusterMisconfigurationIT {

    private static final String PASSWORD = "Clu5ter-never-show";
    private static final String WRONG = "wr0ng-clu5ter";
    /** For nodes that answer the handshake with an error: the failure comes back at once. */
    private static final Duration ANSWERED = Duration.ofMillis(1500);
    private static RedisClusterProcesses cluster;

    @BeforeAll
    static void startClusterBehindAPassword() {
        cluster = RedisClusterProcesses.start();
        cluster.requirePassword(PASSWORD);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    /** The cluster's seeds with {@code userInfo} ({@code user:password@}) in front. */
    private static String seeds(String userInfo) {
        return cluster.seedsUrl().replace("redis://", "redis://" + userInfo);
    }

    static Stream<Arguments> misconfigurations() {
        Stream<Arguments> cases = Stream.of(
                Arguments.of("a wrong password", seeds(":" + WRONG + "@"), "WRONGPASS"),
                Arguments.of("no password", seeds(""), "NOAUTH"));
        return cases.flatMap(c -> Stream.of(FailurePolicy.values()).map(policy ->
                Arguments.of(c.get()[0], c.get()[1], c.get()[2], policy)));
    }

    @ParameterizedTest(name = "{0} under {3}")
    @MethodSource("misconfigurations")
    void failsTheBuildAtOnceNamingTheSeedsButNotThePassword(String what, String url, String cause,
                                                            FailurePolicy policy) {
        RegionCache.Builder builder = RegionCache.builder().redisUrl(url).failurePolicy(policy)
                .commandTimeout(ANSWERED);
        long start = System.nanoTime();

        // Lettuce warns of each seed that refused it, while it reads the slots: expected here.
        try (CapturedLog log = new CapturedLog()) {
            assertThatThrownBy(builder::build).isExactlyInstanceOf(RegionCacheException.class)
                    .hasMessageContaining(cause)
                    .hasMessageContaining(cluster.seedsUrl().substring("redis://".length()))
                    .satisfies(ClusterMisconfigurationIT::assertNoPasswordAnywhere);
            assertThat(log.text()).doesNotContain(PASSWORD).doesNotContain(WRONG);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("at once: one attempt, no retries")
                .isLessThan(ANSWERED.multipliedBy(2).plusSeconds(2));
    }

    @Test
    void theRightPasswordConnects() {
        try (RegionCache cache = RegionCache.builder().redisUrl(seeds(":" + PASSWORD + "@"))
                .failurePolicy(FailurePolicy.RAISE).build()) {
            cache.region("r").put("k", "v");

            assertThat(cache.region("r").get("k")).isEqualTo("v");
            assertThat(cache.toString()).doesNotContain(PASSWORD);
        }
    }

    /** Neither password in any message or toString of the failure, its causes or what they suppressed. */
    private static void assertNoPasswordAnywhere(Throwable failure) {
        ConnectFailures.causes(failure).forEach(t -> assertThat(t.toString()).as(t.getClass().getName())
                .doesNotContain(PASSWORD).doesNotContain(WRONG));
    }
}

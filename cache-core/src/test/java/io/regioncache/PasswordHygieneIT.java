package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regioncache.testsupport.RedisServerProcess;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ACL users work, and a password in a URL shows in no toString, exception message or log line,
 * whether it is right, wrong, or the URL is malformed (property 8 of docs/design.md).
 */
@ExtendWith(ExpectedOutageLog.class)
class PasswordHygieneIT {

    private static final String PASSWORD = "Pa55-w0rd-never-shown";
    private static RedisServerProcess server;

    @BeforeAll
    static void startServerWithAnAclUser() {
        server = RedisServerProcess.start("--user", "alice", "on", ">" + PASSWORD, "~*", "&*", "+@all");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void anAclUserConnectsAndTheCacheShowsOnlyHostPortAndDatabase() {
        try (CapturedLog log = new CapturedLog();
             RegionCache cache = RegionCache.connect("redis://alice:" + PASSWORD + "@127.0.0.1:" + server.port() + "/2")) {
            cache.region("r").put("k", "v");

            assertThat(cache.region("r").get("k")).isEqualTo("v");
            long inDatabaseTwo = server.withCommands(redis -> {
                redis.select(2);
                return redis.exists("root.r");
            });
            assertThat(inDatabaseTwo).isEqualTo(1);
            assertThat(cache.toString()).contains("redis://127.0.0.1:" + server.port() + "/2").doesNotContain(PASSWORD)
                    .doesNotContain("alice");
            GroupingSignal saved = new GroupingSignal("saved");
            cache.region("r").invalidateOn(saved);
            String storeId = server.withCommands(redis -> {
                redis.select(2);
                return redis.get("::store-id");
            });
            assertThat(saved.groups()).as("the binding group names the store by its id, without credentials")
                    .containsExactly("region-cache:" + storeId + ":root.r:saved");
            assertThat(log.text()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aWrongPasswordIsReportedWithoutIt() {
        String wrong = "wr0ng-" + PASSWORD;
        String url = "redis://alice:" + wrong + "@127.0.0.1:" + server.port();
        try (CapturedLog log = new CapturedLog()) {
            Throwable raise = catchFailure(() -> RegionCache.builder().redisUrl(url).failurePolicy(FailurePolicy.RAISE).build());
            Throwable degrade = catchFailure(() -> RegionCache.connect(url));

            for (Throwable failure : new Throwable[] {raise, degrade}) {
                assertThat(failure).as(() -> "caused by " + causes(failure)).isExactlyInstanceOf(RegionCacheException.class)
                        .hasMessageContaining("WRONGPASS");
                assertNoSecretAnywhere(failure);
            }
            assertThat(log.text()).doesNotContain(wrong).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aMalformedUrlIsReportedWithoutItsPassword() {
        Throwable failure = catchFailure(() -> RegionCache.connect("redis://alice:" + PASSWORD + "@127.0.0.1:notaport/0"));
        Throwable quoted = catchFailure(() -> RegionCache.connect("redis://alice:" + PASSWORD + " x@127.0.0.1:6379/0"));
        Throwable fromEnvironment = catchFailure(() -> RegionCache.fromEnvironment(
                Map.of("REGION_CACHE_URL", "redis://alice:" + PASSWORD + "@127.0.0.1:notaport/0")));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redis://***@127.0.0.1:notaport/0");
        assertNoSecretAnywhere(failure);
        assertThat(quoted).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Illegal character");
        assertNoSecretAnywhere(quoted);
        assertThat(fromEnvironment).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REGION_CACHE_URL");
        assertNoSecretAnywhere(fromEnvironment);
    }

    @Test
    void aPasswordWithUrlDelimitersIsNeverShown() {
        for (String secret : new String[] {"s3cr?t", "s3cr#t", "s3cr/t", "s3c@r?t"}) {
            String url = "redis://app:" + secret + "@127.0.0.1:" + server.port();
            Throwable connect = catchFailureOrClose(() -> RegionCache.connect(url));
            Throwable fromEnvironment = catchFailureOrClose(() -> RegionCache.fromEnvironment(Map.of("REGION_CACHE_URL", url)));

            for (Throwable t = connect; t != null; t = t.getCause()) {
                assertThat(t.toString()).as(secret).doesNotContain(secret).doesNotContain("s3c");
            }
            for (Throwable t = fromEnvironment; t != null; t = t.getCause()) {
                assertThat(t.toString()).as(secret).doesNotContain(secret).doesNotContain("s3c");
            }
        }
    }

    /** The failure of building a cache, or null if it was built (it is then closed). */
    private static Throwable catchFailureOrClose(java.util.function.Supplier<RegionCache> build) {
        try {
            build.get().close();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static Throwable catchFailure(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    private static String causes(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            chain.append(" <- ").append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return chain.toString();
    }

    private static void assertNoSecretAnywhere(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD).doesNotContain("wr0ng-");
            assertThat(t.toString()).doesNotContain(PASSWORD);
        }
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.signals.LocalSignal;
import io.regioncache.signals.Signals;
import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Property 6 of docs/design.md for signals: an invalidation that a signal triggers while Redis is down is
 * retried until it lands once Redis is back. The transport is never blocked or thrown at: an
 * in-process signal returns once the first attempt failed, and an acknowledging transport gets a
 * stage that completes only when the purge has landed (one retry loop, the cache's).
 */
@ExtendWith(ExpectedOutageLog.class)
class SignalRetryIT {

    private final RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning");

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aFailedSignalInvalidationIsRetriedUntilRedisIsBack() {
        LocalSignal saved = Signals.named("retry-" + UUID.randomUUID());
        try (RegionCache cache = RegionCache.connect(server.url()); CapturedLog log = new CapturedLog()) {
            Region<Object> region = cache.region("users");
            region.put("k", "v");
            region.invalidateOn(saved);
            server.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> region.get("k") == null);

            saved.send("user saved while Redis is down");

            assertThat(log.text()).contains("Invalidation of WholeRegion[] of region root.users on signal " + saved.name()
                    + " failed: ").contains("retrying in the background until it lands");
            assertThat(log.text()).as("no stack trace for an outage").doesNotContain("\tat ");
            server.restart();
            // The restarted server is empty, so the landing shows as the generation token the script sets.
            await().atMost(Duration.ofSeconds(15)).until(() -> server.withCommands(redis -> redis.exists("root.users::generation")) == 1);
        }
    }

    @Test
    void anAcknowledgingTransportsStageCompletesOnlyOnceThePurgeHasLanded() {
        GroupingSignal saved = new GroupingSignal("ack-" + UUID.randomUUID());
        try (RegionCache cache = RegionCache.connect(server.url()); CapturedLog log = new CapturedLog()) {
            Region<Object> region = cache.region("users");
            region.put("k", "v");
            region.invalidateOn(saved);
            server.stop();

            List<CompletableFuture<Void>> stages = saved.sendAsync("user saved while Redis is down");

            await().atMost(Duration.ofSeconds(5)).until(() -> cache.pendingInvalidationRetries() == 1);
            assertThat(stages).singleElement().matches(stage -> !stage.isDone(), "not complete while Redis is down");
            server.restart();
            await().atMost(Duration.ofSeconds(15)).until(() -> stages.get(0).isDone());
            assertThat(stages.get(0)).isCompleted();
            long landed = server.withCommands(redis -> redis.exists("root.users::generation"));
            assertThat(landed).isEqualTo(1);
            assertThat(cache.stats().invalidations()).isEqualTo(1);
        }
    }

    @Test
    void aStageFailsIfTheCacheClosesBeforeThePurgeLands() {
        GroupingSignal saved = new GroupingSignal("ack-" + UUID.randomUUID());
        RegionCache cache = RegionCache.connect(server.url());
        try (CapturedLog log = new CapturedLog()) {
            cache.region("users").invalidateOn(saved);
            server.stop();
            List<CompletableFuture<Void>> stages = saved.sendAsync("k");
            await().atMost(Duration.ofSeconds(5)).until(() -> cache.pendingInvalidationRetries() == 1);

            cache.close();

            assertThat(stages).singleElement().satisfies(stage -> assertThat(stage).failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(IllegalStateException.class)
                    .withMessageContaining("closed before the invalidation"));
            assertThat(log.text()).contains("abandoned: the cache was closed before it could land");
        }
    }

    @Test
    void aThousandFailedInvalidationsOfOneRegionCoalesceIntoOneRetryOnePurgeAndOneWarning() {
        GroupingSignal saved = new GroupingSignal("burst-" + UUID.randomUUID());
        try (RegionCache cache = RegionCache.connect(server.url()); CapturedLog log = new CapturedLog()) {
            Region<Object> region = cache.region("users");
            region.invalidateOn(saved, event -> event.key().startsWith("key")
                    ? Invalidation.keys(List.of(event.key())) : Invalidation.region());
            server.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> region.get("k") == null);

            for (int i = 0; i < 1_000; i++) {
                saved.send(i % 2 == 0 ? "key" + i : "region");
            }

            assertThat(cache.pendingInvalidationRetries()).as("one whole-region purge covers the key retries").isEqualTo(1);
            assertThat(log.text().split("WARN io.regioncache.SignalBinding", -1)).as("one WARN per outage and binding")
                    .hasSize(2);
            server.restart();
            await().atMost(Duration.ofSeconds(15)).until(() -> cache.pendingInvalidationRetries() == 0);
            long landed = server.withCommands(redis -> redis.exists("root.users::generation"));
            assertThat(landed).as("the one pending purge landed").isEqualTo(1);
        }
    }

    @Test
    void aFailingRuleIsNeverThrownToTheTransport() {
        GroupingSignal saved = new GroupingSignal("rule-" + UUID.randomUUID());
        try (RegionCache cache = RegionCache.connect(server.url()); CapturedLog log = new CapturedLog()) {
            Region<Object> region = cache.region("users");
            region.put("k", "v");
            region.invalidateOn(saved, event -> {
                throw new IllegalArgumentException("buggy rule");
            });

            saved.send("any");

            assertThat(region.get("k")).isNull();
            assertThat(log.text()).contains("buggy rule");
        }
    }

    @Test
    void closingTheCacheAbandonsPendingRetries() {
        LocalSignal saved = Signals.named("retry-" + UUID.randomUUID());
        RegionCache cache = RegionCache.connect(server.url());
        try (CapturedLog log = new CapturedLog()) {
            cache.region("users").invalidateOn(saved);
            server.stop();

            saved.send(null);
            cache.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> log.text().contains("abandoned: the cache was closed before it could land"));
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(InvalidationRetrier.THREAD_NAME));
        }
    }
}

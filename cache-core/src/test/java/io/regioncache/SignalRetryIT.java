package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.regioncache.signals.LocalSignal;
import io.regioncache.signals.Signals;
import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Property 6 of docs/design.md for signals: an invalidation that a signal triggers while Redis is down is
 * logged and retried until it lands once Redis is back, and its CacheUnavailableException reaches
 * the transport (so an at-least-once transport redelivers instead of committing past it).
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
            server.restart();
            // The restarted server is empty, so the landing shows as the generation token the script sets.
            await().atMost(Duration.ofSeconds(15)).until(() -> server.withCommands(redis -> redis.exists("root.users::generation")) == 1);
        }
    }

    @Test
    void aFailedSignalInvalidationIsThrownToTheTransportAfterItsRetryIsScheduled() {
        GroupingSignal saved = new GroupingSignal("retry-" + UUID.randomUUID());
        try (RegionCache cache = RegionCache.connect(server.url()); CapturedLog log = new CapturedLog()) {
            Region<Object> region = cache.region("users");
            region.put("k", "v");
            region.invalidateOn(saved);
            server.stop();

            assertThatThrownBy(() -> saved.send("user saved while Redis is down"))
                    .isInstanceOf(CacheUnavailableException.class);
            assertThat(log.lines("WARN")).anyMatch(line -> line.contains("Invalidation of WholeRegion[] of region root.users"));

            server.restart();
            await().atMost(Duration.ofSeconds(15)).until(() -> server.withCommands(redis -> redis.exists("root.users::generation")) == 1);
        }
    }

    @Test
    void aThousandFailedInvalidationsOfOneRegionCoalesceIntoOneRetryAndOnePurge() {
        GroupingSignal saved = new GroupingSignal("burst-" + UUID.randomUUID());
        try (RegionCache cache = RegionCache.connect(server.url()); CapturedLog log = new CapturedLog()) {
            Region<Object> region = cache.region("users");
            region.invalidateOn(saved, event -> event.key().startsWith("key")
                    ? Invalidation.keys(java.util.List.of(event.key())) : Invalidation.region());
            server.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> region.get("k") == null);

            for (int i = 0; i < 1_000; i++) {
                String key = i % 2 == 0 ? "key" + i : "region";
                assertThatThrownBy(() -> saved.send(key)).isInstanceOf(CacheUnavailableException.class);
            }

            assertThat(cache.context().retrier().pendingCount()).as("one whole-region purge covers the key retries").isEqualTo(1);
            assertThat(log.text().split("retrying in the background", -1)).as("WARN lines").hasSizeLessThanOrEqualTo(3);
            server.restart();
            await().atMost(Duration.ofSeconds(15)).until(() -> cache.context().retrier().pendingCount() == 0);
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

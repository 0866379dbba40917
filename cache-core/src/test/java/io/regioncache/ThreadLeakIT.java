package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.signals.LocalSignal;
import io.regioncache.signals.Signals;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** No thread that a RegionCache starts (Lettuce's event loops, the retry thread) outlives close(). */
@ExtendWith(ExpectedOutageLog.class)
class ThreadLeakIT {

    @Test
    void noThreadSurvivesClose() {
        try (RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning")) {
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
            LocalSignal saved = Signals.named("leak-" + UUID.randomUUID());

            RegionCache cache = RegionCache.connect(server.url());
            cache.region("r").put("k", 1);
            cache.region("r").invalidateOn(saved);
            server.stop();
            saved.send(null);
            await().pollInSameThread().atMost(Duration.ofSeconds(5)).until(() -> startedSince(before).stream()
                    .anyMatch(name -> name.equals(InvalidationRetrier.THREAD_NAME)));
            assertThat(startedSince(before)).anyMatch(name -> name.startsWith("lettuce-"));

            cache.close();

            await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(startedSince(before)).isEmpty());
        }
    }

    @Test
    void aBindingThatFailsToCloseLeavesNoThreadAndSkipsNoOtherBinding() {
        try (RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning"); CapturedLog log = new CapturedLog()) {
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
            GroupingSignal failing = new GroupingSignal("fails-on-close", true);
            GroupingSignal healthy = new GroupingSignal("healthy");
            GroupingSignal alsoHealthy = new GroupingSignal("also-healthy");

            RegionCache cache = RegionCache.connect(server.url());
            Subscription both = cache.region("r").invalidateOn(failing, healthy);
            cache.region("s").invalidateOn(failing);
            cache.region("t").invalidateOn(alsoHealthy);
            server.stop();
            failing.send(null);
            await().pollInSameThread().atMost(Duration.ofSeconds(5))
                    .until(() -> startedSince(before).contains(InvalidationRetrier.THREAD_NAME));

            both.close();
            assertThat(healthy.subscriptions()).as("a failing close does not skip the next binding").isZero();
            cache.close();

            assertThat(alsoHealthy.subscriptions()).isZero();
            assertThat(log.text()).contains("subscription of fails-on-close failed to close");
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(startedSince(before)).isEmpty());
        }
    }

    private static Set<String> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.signals.Signals;
import io.regioncache.testsupport.FaultProxy;
import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A live DEGRADE cache whose connection to Redis goes through a {@link FaultProxy}: latency, cut
 * connections and refused connects each degrade it for no longer than the command timeout per
 * operation, and it recovers by itself when the fault ends. A purge signalled during a fault lands
 * once Redis answers again, checked through a second cache that bypasses the proxy.
 */
@ExtendWith(ExpectedOutageLog.class)
class ConnectionFaultIT {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration SLACK = Duration.ofMillis(700);

    private final RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning");
    private final FaultProxy proxy = FaultProxy.to(server.port());
    private final RegionCache cache = RegionCache.builder().redisUrl(proxy.redisUrl()).commandTimeout(TIMEOUT).build();
    private final RegionCache direct = RegionCache.connect(server.url());

    @AfterEach
    void close() {
        cache.close();
        direct.close();
        proxy.close();
        server.close();
    }

    @Test
    void latencyBelowTheTimeoutSlowsButNeverDegrades() {
        Region<Object> region = cache.region("r");
        proxy.latency(Duration.ofMillis(100));

        region.put("k", "v");
        assertThat(region.get("k")).isEqualTo("v");
        assertThat(region.getOrCompute("other", () -> "loaded")).isEqualTo("loaded");
        assertThat(direct.region("r").get("other")).as("the load was stored, not dropped").isEqualTo("loaded");
    }

    @Test
    void latencyAboveTheTimeoutDegradesWithinItAndEndsByItself() {
        Region<Object> region = cache.region("r");
        region.put("k", "v");
        proxy.latency(TIMEOUT.multipliedBy(2));

        Faults.assertEachWithin(TIMEOUT.plus(SLACK), () -> assertThat(region.get("k")).isNull());

        proxy.latency(Duration.ZERO);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(region.get("k")).isEqualTo("v"));
    }

    @Test
    void cutConnectionsAreReestablishedWithoutLosingData() {
        Region<Object> region = cache.region("r");
        region.put("k", "v");

        proxy.cutConnections();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(region.get("k")).isEqualTo("v"));
        region.put("k", "after");
        assertThat(direct.region("r").get("k")).isEqualTo("after");
    }

    @Test
    void refusedConnectsDegradeWithinTheTimeoutUntilRedisIsReachableAgain() {
        Region<Object> region = cache.region("r");
        region.put("k", "v");
        proxy.refuseConnections(true);
        proxy.cutConnections();

        for (int i = 0; i < 3; i++) {
            Faults.assertEachWithin(TIMEOUT.plus(SLACK), () -> assertThat(region.get("k")).isNull());
            Faults.assertEachWithin(TIMEOUT.plus(SLACK), () -> region.put("k", "dropped"));
        }
        assertThat(direct.region("r").get("k")).as("dropped writes never reached Redis").isEqualTo("v");

        proxy.refuseConnections(false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(region.get("k")).isEqualTo("v"));
    }

    @Test
    void aPurgeSignalledDuringAFaultLandsWhenRedisAnswersAgain() {
        Region<Object> region = cache.region("r");
        region.region("child").put("k", "v");
        String signalName = "fault-it-" + UUID.randomUUID();
        region.invalidateOn(Signals.named(signalName));
        proxy.blackHole(true);

        // A local signal purges synchronously: its send waits out the failed attempt, so it runs
        // aside while the test watches Redis through the direct cache.
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> Signals.named(signalName).send("saved"));
        await().atMost(TIMEOUT.plus(SLACK).multipliedBy(2)).until(sent::isDone);
        assertThat(direct.region("r.child").get("k")).as("nothing reached Redis during the fault").isEqualTo("v");

        proxy.blackHole(false);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(direct.region("r.child").get("k")).as("the retried purge landed").isNull());
    }
}

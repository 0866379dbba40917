package io.regioncache.signals.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.Invalidation;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.testsupport.CapturedLog;
import io.regioncache.testsupport.FaultProxy;
import io.regioncache.testsupport.RedisServerProcess;
import io.regioncache.testsupport.TestRedis;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The possible-loss rule under network faults: the pub/sub connection goes through a {@link
 * FaultProxy} (the cache talks to Redis directly), and every gap in it, during which published
 * messages are lost, ends with the bound region purged, with no message needed; a Redis restart
 * while messages flow is such a gap too. The adapter's
 * warning about each lost connection is expected: it is captured and asserted.
 */
class PubSubFaultIT {

    /** On the shared test Redis, so that restarting the signals' private server leaves the cache's data alone. */
    private final String prefix = TestRedis.uniquePrefix(PubSubFaultIT.class);
    private CapturedLog log;
    private RedisServerProcess server;
    private FaultProxy proxy;
    private RegionCache cache;
    private RedisPubSubSignals signals;
    private TestConnection publisher;

    private long lostConnectionWarnings() {
        return log.linesContaining("pub/sub connection").stream()
                .filter(line -> line.contains("WARN") && line.contains("lost"))
                .count();
    }

    /**
     * Not in field initializers, and the capture first: Lettuce's reconnect warnings come from its
     * own threads whenever a connection drops, so everything that may drop one is made and closed
     * while the log is captured.
     */
    @BeforeEach
    void start() {
        log = CapturedLog.start();
        server = RedisServerProcess.start("--loglevel", "warning");
        proxy = FaultProxy.to(server.port());
        cache = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).build();
        signals = RedisPubSubSignals.create(proxy.redisUrl());
        publisher = TestConnection.to(server.url());
    }

    @AfterEach
    void close() {
        try {
            publisher.close();
            signals.close();
            cache.close();
            TestRedis.deleteKeys(prefix);
            proxy.close();
            server.close();
        } finally {
            log.close();
        }
    }

    @Test
    void aMessageLostWhileTheSubscriberWasCutOffIsMadeUpByAPurgeOnReconnect() {
        Region<Object> stock = cache.region("stock");
        stock.invalidateOn(signals.channel("stock-changed"));
        proxy.refuseConnections(true);
        proxy.cutConnections();
        stock.put("k", "written while the subscriber was cut off");

        publisher.publish("stock-changed", "lost: nobody subscribes");
        assertThat(stock.get("k")).as("the message reached no subscriber").isNotNull();

        proxy.refuseConnections(false);

        await().atMost(RecordingListener.WAIT).until(() -> stock.get("k") == null);
        assertThat(lostConnectionWarnings()).isEqualTo(1);
    }

    @Test
    void everyCutPurgesAndTheBindingKeepsWorkingAfterwards() {
        Region<Object> stock = cache.region("stock");
        stock.invalidateOn(signals.channel("stock-changed"));

        for (int cut = 0; cut < 3; cut++) {
            stock.put("k", "before cut " + cut);
            proxy.cutConnections();
            await().atMost(RecordingListener.WAIT).until(() -> stock.get("k") == null);
        }

        stock.put("k", "after the cuts");
        await().atMost(RecordingListener.WAIT).until(() -> {
            publisher.publish("stock-changed", "delivered");
            return stock.get("k") == null;
        });
        assertThat(proxy.faultsInjected()).isEqualTo(3);
        assertThat(lostConnectionWarnings()).as("one warning per cut").isEqualTo(3);
    }

    @Test
    void aRedisRestartWhileMessagesFlowLosesNoneUnreportedAndEndsWithAPurge() {
        Region<Object> stock = cache.region("stock");
        AtomicInteger delivered = new AtomicInteger();
        stock.invalidateOn(signals.channel("stock-changed"), event -> {
            delivered.incrementAndGet();
            return Invalidation.keys(java.util.List.of("other"));
        });
        for (int i = 0; i < 50; i++) {
            publisher.publish("stock-changed", "before " + i);
        }
        await().atMost(RecordingListener.WAIT).until(() -> delivered.get() == 50);
        stock.put("k", "written before the restart");

        server.stop();
        server.restart();

        await("the gap reported as a possible loss purges the region").atMost(RecordingListener.WAIT)
                .until(() -> stock.get("k") == null);
        TestConnection after = TestConnection.to(server.url());
        try {
            for (int i = 0; i < 50; i++) {
                after.publish("stock-changed", "after " + i);
            }
        } finally {
            after.close();
        }
        await().atMost(RecordingListener.WAIT).until(() -> delivered.get() == 100);
        assertThat(lostConnectionWarnings()).isEqualTo(1);
    }
}

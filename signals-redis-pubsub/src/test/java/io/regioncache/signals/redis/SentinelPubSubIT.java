package io.regioncache.signals.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.signals.Signals;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.QuietLog;
import io.regioncache.testsupport.RedisSentinelProcesses;
import io.regioncache.testsupport.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pub/sub on the master a Sentinel names: after the master is killed and its replica promoted, the
 * subscription is on the new master and listeners have been told of a possible loss.
 */
@ExtendWith(QuietLog.class)
class SentinelPubSubIT {

    @Test
    void subscriptionFollowsAFailoverToTheNewMasterAndReportsAPossibleLoss() {
        try (RedisSentinelProcesses sentinel = RedisSentinelProcesses.start();
             RedisPubSubSignals redis = RedisPubSubSignals.create(sentinel.url())) {
            RecordingListener direct = new RecordingListener();
            RecordingListener fromUri = new RecordingListener();
            String uri = sentinel.url().replace("#", "?channel=events#");
            try (Subscription a = redis.channel("events").subscribe(direct);
                 Subscription b = Signals.of(uri).subscribe(fromUri)) {
                server(sentinel, sentinel.masterPort()).withCommands(commands -> commands.publish("events", "before"));
                direct.awaitPayload("before");
                fromUri.awaitPayload("before");

                int promoted = sentinel.killMasterAndAwaitFailover();

                direct.awaitLosses(1);
                fromUri.awaitLosses(1);
                await().pollInSameThread().atMost(RecordingListener.WAIT).untilAsserted(() -> {
                    server(sentinel, promoted).withCommands(commands -> commands.publish("events", "after failover"));
                    assertThat(direct.payloads()).contains("after failover");
                    assertThat(fromUri.payloads()).contains("after failover");
                });
                assertThat(direct.losses).hasValue(1);
                assertThat(fromUri.losses).hasValue(1);
            }
        }
    }

    private static RedisServerProcess server(RedisSentinelProcesses sentinel, int port) {
        RedisServerProcess master = sentinel.servers().master();
        return master.port() == port ? master : sentinel.servers().replica();
    }
}

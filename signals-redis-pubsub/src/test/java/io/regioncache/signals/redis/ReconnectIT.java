package io.regioncache.signals.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.lettuce.core.KillArgs;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.QuietLog;
import io.regioncache.testsupport.RedisServerProcess;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pub/sub is at most once: after any reconnect the adapter must resubscribe and tell every listener
 * that messages may have been missed. Connections are killed as a network failure would.
 */
@ExtendWith(QuietLog.class)
class ReconnectIT {

    private final String prefix = TestRedis.uniquePrefix(ReconnectIT.class);

    @Test
    void killedConnectionOnTheSharedRedisIsResubscribedAndReportsPossibleLoss() {
        // Other suites share this Redis: kill only our connection, found by its client name.
        String clientName = RedisClients.uniqueName("kill");
        RecordingListener channel = new RecordingListener();
        RecordingListener pattern = new RecordingListener();
        try (TestConnection server = TestConnection.to(TestRedis.url());
             RedisPubSubSignals redis = RedisPubSubSignals.create(TestRedis.url() + "?clientName=" + clientName);
             Subscription a = redis.channel(prefix + "orders").subscribe(channel);
             Subscription b = redis.pattern(prefix + "orders*").subscribe(pattern)) {
            server.publish(prefix + "orders", "before");
            channel.awaitPayload("before");
            pattern.awaitPayload("before");
            assertThat(channel.losses).hasValue(0);

            assertThat(RedisClients.kill(server.commands(), clientName)).isEqualTo(1);

            channel.awaitLosses(1);
            pattern.awaitLosses(1);
            server.publish(prefix + "orders", "after");
            channel.awaitPayload("after");
            pattern.awaitPayload("after");
            assertThat(channel.losses).hasValue(1);
            assertThat(RedisClients.named(server.commands(), clientName)).singleElement()
                    .satisfies(client -> assertThat(client).containsEntry("sub", "1").containsEntry("psub", "1"));
        }
    }

    @Test
    void clientKillTypePubSubOnAPrivateServerReconnectsEveryTime() {
        try (RedisServerProcess server = RedisClients.privateServer();
             TestConnection admin = TestConnection.to(server.url());
             RedisPubSubSignals redis = RedisPubSubSignals.create(server.url())) {
            RecordingListener listener = new RecordingListener();
            redis.channel("events").subscribe(listener);
            for (int round = 1; round <= 3; round++) {
                assertThat(admin.commands().clientKill(KillArgs.Builder.typePubsub())).isEqualTo(1L);
                listener.awaitLosses(round);
                admin.publish("events", "after kill " + round);
                listener.awaitPayload("after kill " + round);
            }
            assertThat(listener.losses).hasValue(3);
        }
    }

    @Test
    void subscriptionUnconfirmedWithinTheTimeoutReturnsAndReportsLossOnceConfirmed() throws Exception {
        try (RedisServerProcess server = RedisClients.privateServer();
             TestConnection admin = TestConnection.to(server.url());
             RedisPubSubSignals redis = RedisPubSubSignals.create(server.url() + "?timeout=1s")) {
            String pid = admin.commands().info("server").lines().filter(line -> line.startsWith("process_id:"))
                    .findFirst().orElseThrow().substring("process_id:".length()).trim();
            RecordingListener listener = new RecordingListener();
            signal(pid, "STOP"); // a server that is up but does not answer
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> redis.channel("slow").subscribe(listener));
                assertThat(listener.losses).hasValue(0);
            } finally {
                signal(pid, "CONT");
            }
            listener.awaitLosses(1);
            admin.publish("slow", "confirmed");
            listener.awaitPayload("confirmed");
        }
    }

    private static void signal(String pid, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal + " " + pid).isZero();
    }

    @Test
    void restartedServerIsRejoinedByTheSameAdapter() {
        try (RedisServerProcess server = RedisClients.privateServer();
             RedisPubSubSignals redis = RedisPubSubSignals.create(server.url())) {
            RecordingListener before = new RecordingListener();
            redis.channel("events").subscribe(before);
            redis.pattern("events.*").subscribe(before);

            server.stop();
            // Subscribing while Redis is down neither fails nor hangs; it takes effect on reconnect.
            RecordingListener duringOutage = new RecordingListener();
            Subscription late = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> redis.channel("late").subscribe(duringOutage));
            server.restart();

            before.awaitLosses(2);
            duringOutage.awaitLosses(1);
            try (TestConnection admin = TestConnection.to(server.url())) {
                await().atMost(RecordingListener.WAIT).untilAsserted(() -> {
                    admin.publish("events.x", "after restart");
                    admin.publish("late", "late news");
                    assertThat(before.payloads()).contains("after restart");
                    assertThat(duringOutage.payloads()).contains("late news");
                });
            }
            late.close();
        }
    }
}

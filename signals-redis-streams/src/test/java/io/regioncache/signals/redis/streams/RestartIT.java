package io.regioncache.signals.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.regioncache.signals.Signal;
import io.regioncache.testsupport.CapturedLog;
import io.regioncache.testsupport.QuietLog;
import io.regioncache.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A private redis-server, killed and restarted on its port: a reconnect to the same server resumes
 * without a loss report, a restarted server (which persists nothing here, so the stream and group
 * are gone) is reported as a possible loss, and delivery resumes either way. Connections are lost on
 * purpose, so the log is captured (QuietLog, which starts before the server and closes after it):
 * Lettuce warns when it cannot reconnect to the stopped server, and that warning is expected.
 */
@ExtendWith(QuietLog.class)
class RestartIT {

    static {
        // Readers log each lost connection as a WARN; here connections are lost on purpose.
        System.setProperty("org.slf4j.simpleLogger.log." + StreamReader.class.getName(), "error");
    }

    private RedisServerProcess server;
    private RedisStreamSignals streams;

    @BeforeEach
    void start() {
        server = RedisServerProcess.start();
        streams = RedisStreamSignals.create(server.url());
    }

    @AfterEach
    void stop() {
        streams.close();
        server.close();
    }

    @Test
    void aRestartedRedisIsReportedAsAPossibleLossAndDeliveryResumes() {
        Signal signal = streams.stream("events");
        RecordingListener grouped = new RecordingListener();
        RecordingListener alone = new RecordingListener();
        signal.subscribe("purgers", grouped);
        signal.subscribe(alone);
        streams.publish("events", "k", "before");
        grouped.awaitPayload("before");
        alone.awaitPayload("before");
        assertThat(grouped.losses).as("the new group").hasValue(1);
        assertThat(alone.losses).hasValue(0);

        try (CapturedLog log = CapturedLog.start()) {
            server.stop();
            server.restart();

            grouped.awaitLosses(2);
            alone.awaitLosses(1);
            publishUntilDelivered("after", grouped, alone);
            assertThat(log.linesContaining(" WARN ")).as("only Lettuce's reconnect warnings, which the stop provokes")
                    .allMatch(line -> line.contains("Cannot reconnect"));
            assertThat(log.linesContaining(" ERROR ")).isEmpty();
        }
        assertThat(grouped.losses).hasValue(2);
        assertThat(alone.losses).hasValue(1);
        long pending = server.withCommands(redis -> redis.xpending("events", "purgers").getCount());
        assertThat(pending)
                .as("acknowledged on the restarted server").isZero();
    }

    @Test
    void aReconnectToTheSameServerResumesWhereItStoodWithoutALossReport() {
        Signal signal = streams.stream("events");
        RecordingListener grouped = new RecordingListener();
        RecordingListener alone = new RecordingListener();
        signal.subscribe("purgers", grouped);
        signal.subscribe(alone);
        streams.publish("events", "k", "before");
        grouped.awaitPayload("before");
        alone.awaitPayload("before");

        server.withCommands(redis -> {
            redis.clientKill(KillArgs.Builder.typeNormal().skipme());
            // Published while the readers are disconnected: the group's position still covers it.
            return redis.xadd("events", "key", "k", "payload", "while disconnected");
        });

        grouped.awaitPayload("while disconnected");
        alone.awaitPayload("while disconnected");
        streams.publish("events", "k", "after");
        grouped.awaitPayload("after");
        alone.awaitPayload("after");
        assertThat(grouped.losses).as("only the group's creation").hasValue(1);
        assertThat(alone.losses).hasValue(0);
    }

    /** After a restart the group is created again at the stream's end; what was published before that is covered by the loss report. */
    private void publishUntilDelivered(String payload, RecordingListener... listeners) {
        await().pollInSameThread().atMost(RecordingListener.WAIT).untilAsserted(() -> {
            streams.publish("events", "k", payload);
            for (RecordingListener listener : listeners) {
                assertThat(listener.payloads()).contains(payload);
            }
        });
    }
}

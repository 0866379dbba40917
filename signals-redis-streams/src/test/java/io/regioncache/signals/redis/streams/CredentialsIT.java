package io.regioncache.signals.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisConnectionException;
import io.regioncache.testsupport.RedisServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An ACL user with a password, on a private server: it works, survives a killed connection, and
 * its password shows in no log line, even with every logger at DEBUG. This class runs in a JVM of
 * its own (failsafe reuseForks=false), so it can set the log level before SLF4J starts.
 */
class CredentialsIT {

    private static final String SECRET = "Pw-that-must-never-show-7c2b";

    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }

    private static final ByteArrayOutputStream LOGS = new ByteArrayOutputStream();
    private static PrintStream originalErr;
    private static RedisServerProcess server;

    @BeforeAll
    static void startServerAndCaptureLogs() {
        originalErr = System.err;
        // slf4j-simple looks System.err up at every write, so this captures its output. Not shown:
        // Lettuce's DEBUG lines include stack traces of handshake probes that Redis 7.0 refuses.
        System.setErr(new PrintStream(LOGS, true, StandardCharsets.UTF_8));
        server = RedisServerProcess.start("--user", "alice", "on", ">" + SECRET, "~*", "&*", "+@all");
    }

    @AfterAll
    static void stopServerAndRestoreErr() {
        server.close();
        System.setErr(originalErr);
    }

    @Test
    void thePasswordShowsInNoLogLineWhileTheUserWorksThroughAReconnect() {
        String url = "redis://alice:" + SECRET + "@127.0.0.1:" + server.port();
        try (RedisStreamSignals streams = RedisStreamSignals.create(url)) {
            RecordingListener listener = new RecordingListener();
            streams.stream("events").subscribe("acl", listener);
            streams.publish("events", "k", "first");
            listener.awaitPayload("first");

            server.withCommands(redis -> redis.clientKill(KillArgs.Builder.typeNormal().skipme()));
            streams.publish("events", "k", "after reconnect");
            listener.awaitPayload("after reconnect");
        }
        assertThatThrownBy(() -> RedisStreamSignals.create("redis://alice:" + SECRET + "-wrong@127.0.0.1:" + server.port()))
                .isInstanceOf(RedisConnectionException.class);

        String logs = LOGS.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("captured logs: proof that capturing works at DEBUG")
                .contains("redis://***@").contains("DEBUG io.lettuce");
        assertThat(logs).as("captured logs").doesNotContain(SECRET);
    }
}

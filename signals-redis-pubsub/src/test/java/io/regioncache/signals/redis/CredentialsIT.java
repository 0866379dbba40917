package io.regioncache.signals.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.KillArgs;
import io.regioncache.signals.Signal;
import io.regioncache.signals.Subscription;
import io.regioncache.signals.redis.internal.RedisUrl;
import io.regioncache.testsupport.RedisServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ACL users and passwords, on a private server: they work, and the password never shows, in
 * toString(), in exception messages, or in the logs. This class runs in a JVM of its own (failsafe
 * reuseForks=false), so it can turn every logger to DEBUG before SLF4J starts and read all output
 * (captured, not printed).
 */
class CredentialsIT {

    private static final String SECRET = "Pw-that-must-never-show-9f3e";

    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }

    private static final ByteArrayOutputStream LOGS = new ByteArrayOutputStream();
    private static PrintStream originalErr;
    private static RedisServerProcess server;

    @BeforeAll
    static void startServerAndCaptureLogs() {
        originalErr = System.err;
        // slf4j-simple looks System.err up at every write, so this captures its output; kept off the
        // console, as DEBUG of every library is thousands of lines, and asserted instead.
        System.setErr(new PrintStream(LOGS, true, StandardCharsets.UTF_8));
        server = RedisServerProcess.start(
                "--user", "alice", "on", ">" + SECRET, "~*", "&*", "+@all",
                "--user", "bob", "on", ">" + SECRET, "~*", "resetchannels", "+@all");
    }

    @AfterAll
    static void stopServerAndRestoreErr() {
        server.close();
        System.setErr(originalErr);
    }

    @Test
    void aclUserWithPasswordSubscribesAndSurvivesReconnects() {
        RecordingListener listener = new RecordingListener();
        try (TestConnection admin = TestConnection.to(server.url());
             RedisPubSubSignals redis = RedisPubSubSignals.create(url("alice", SECRET));
             Subscription ignored = redis.channel("acl").subscribe(listener)) {
            admin.publish("acl", "first");
            listener.awaitPayload("first");
            admin.commands().clientKill(KillArgs.Builder.user("alice"));
            listener.awaitLosses(1);
            admin.publish("acl", "after reconnect");
            listener.awaitPayload("after reconnect");
        }
    }

    @Test
    void userWithoutChannelPermissionGetsAClearErrorFromSubscribe() {
        try (RedisPubSubSignals redis = RedisPubSubSignals.create(url("bob", SECRET))) {
            assertThatThrownBy(() -> redis.channel("forbidden").subscribe(new RecordingListener()))
                    .isInstanceOf(RedisSignalException.class)
                    .hasMessageContaining("channel 'forbidden'")
                    .hasMessageContaining("NOPERM");
            // The refused binding left nothing behind that would make a retry look like it worked.
            assertThatThrownBy(() -> redis.channel("forbidden").subscribe(new RecordingListener()))
                    .hasMessageContaining("NOPERM");
        }
    }

    @Test
    void passwordAppearsInNoToStringMessageOrLog() {
        String url = url("alice", SECRET);
        StringBuilder seen = new StringBuilder();
        String clientName = RedisClients.uniqueName("credentials");
        RecordingListener listener = new RecordingListener();
        try (TestConnection admin = TestConnection.to(server.url());
             RedisPubSubSignals redis = RedisPubSubSignals.create(url + "?clientName=" + clientName)) {
            Signal channel = redis.channel("shown");
            Signal pattern = redis.pattern("shown.*");
            seen.append(redis).append(channel).append(pattern).append(channel.name()).append(pattern.name());
            assertThat(redis.toString()).contains("***@");
            channel.subscribe(listener);
            RedisClients.kill(admin.commands(), clientName);
            listener.awaitLosses(1); // logs the lost connection, with its URL
        }

        RedisSignalException wrongPassword = catchConnectFailure(url("alice", SECRET + "-wrong"));
        assertThat(wrongPassword).hasMessageContaining("***@");
        seen.append(stackTrace(wrongPassword));
        seen.append(stackTrace(catchConnectFailure("redis://alice:" + SECRET + "@127.0.0.1:" + closedPort())));
        assertThatThrownBy(() -> RedisPubSubSignals.create("redis://alice:" + SECRET + "@127.0.0.1:notaport"))
                .satisfies(e -> seen.append(stackTrace(e)));

        String logs = LOGS.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("captured logs: proof that capturing works at DEBUG")
                .contains("***@").contains("DEBUG io.lettuce");
        assertThat(logs).as("captured logs").doesNotContain(SECRET);
        assertThat(seen).as("toString and exceptions").doesNotContain(SECRET);
    }

    private static RedisSignalException catchConnectFailure(String url) {
        try {
            RedisPubSubSignals.create(url).close();
        } catch (RedisSignalException e) {
            return e;
        }
        throw new AssertionError("connecting to " + RedisUrl.redact(url) + " should have failed");
    }

    private static String url(String user, String password) {
        return "redis://" + user + ":" + password + "@127.0.0.1:" + server.port();
    }

    private static int closedPort() {
        try (RedisServerProcess stopped = RedisServerProcess.start()) {
            return stopped.port();
        }
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}

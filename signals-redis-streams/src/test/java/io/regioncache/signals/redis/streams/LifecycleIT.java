package io.regioncache.signals.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.regioncache.signals.Signal;
import io.regioncache.signals.Signals;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.RedisServerProcess;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What create() and close() leave behind: a connection or a clear error, and afterwards no thread. */
class LifecycleIT {

    private static final String PREFIX = TestRedis.uniquePrefix(LifecycleIT.class);
    private static final String SECRET = "Pw-that-must-never-show-4d1a";

    @AfterAll
    static void deleteStreams() {
        TestRedis.deleteKeys(PREFIX);
    }

    @Test
    void closeEndsEveryThreadTheInstanceStarted() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        RedisStreamSignals streams = RedisStreamSignals.create(TestRedis.url());
        RecordingListener grouped = new RecordingListener();
        RecordingListener alone = new RecordingListener();
        streams.stream(PREFIX + "a").subscribe("group", grouped);
        streams.stream(PREFIX + "a").subscribe(alone);
        streams.publish(PREFIX + "a", "k", "hello");
        grouped.awaitPayload("hello");
        alone.awaitPayload("hello");
        assertThat(threadsStartedSince(before)).as("threads while subscribed")
                .anyMatch(name -> name.contains("reader"))
                .anyMatch(name -> name.contains("nioEventLoop"));

        streams.close();
        streams.close();

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(threadsStartedSince(before)).isEmpty());
        assertThatThrownBy(() -> streams.stream(PREFIX + "a")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void lentClientResourcesAreUsedAndLeftOpen() throws Exception {
        ClientResources lent = DefaultClientResources.create();
        try {
            RedisStreamSignals streams = RedisStreamSignals.create(TestRedis.url(), lent);
            RecordingListener listener = new RecordingListener();
            streams.stream(PREFIX + "lent").subscribe(listener);
            streams.publish(PREFIX + "lent", null, "on lent resources");
            listener.awaitPayload("on lent resources");
            assertThat(Thread.getAllStackTraces().keySet()).as("no event loop of its own")
                    .noneMatch(thread -> thread.getName().startsWith(OwnedThreads.PREFIX) && thread.getName().contains("nioEventLoop"));

            streams.close();

            assertThat(lent.eventExecutorGroup().isShuttingDown()).isFalse();
            RedisClient client = RedisClient.create(lent, TestRedis.url());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                assertThat(connection.sync().ping()).isEqualTo("PONG");
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        } finally {
            lent.shutdown(0, 2, TimeUnit.SECONDS).get();
        }
    }

    @Test
    void anUnreachableRedisFailsAtOnceNamingTheUrlWithoutPasswordAndLeavesNoThread() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        int port = closedPort();
        String url = "redis://alice:" + SECRET + "@127.0.0.1:" + port;

        assertThatThrownBy(() -> RedisStreamSignals.create(url))
                .isInstanceOf(RedisConnectionException.class)
                .hasMessageContaining("Cannot connect to Redis at redis://***@127.0.0.1:" + port)
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(SECRET));
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(threadsStartedSince(before)).isEmpty());
    }

    @Test
    void aWrongPasswordIsAClearErrorThatDoesNotShowIt() {
        try (RedisServerProcess server = RedisServerProcess.start("--user", "alice", "on", ">" + SECRET, "~*", "&*", "+@all")) {
            String url = "redis://alice:" + SECRET + "-wrong@127.0.0.1:" + server.port();
            assertThatThrownBy(() -> RedisStreamSignals.create(url))
                    .isInstanceOf(RedisConnectionException.class)
                    .hasMessageContaining("redis://***@127.0.0.1:" + server.port())
                    .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(SECRET));

            try (RedisStreamSignals streams = RedisStreamSignals.create("redis://alice:" + SECRET + "@127.0.0.1:" + server.port())) {
                RecordingListener listener = new RecordingListener();
                streams.stream("events").subscribe("acl", listener);
                streams.publish("events", "k", "as alice");
                listener.awaitPayload("as alice");
                assertThat(streams.toString()).doesNotContain(SECRET).contains("redis://***@");
                assertThat(streams.stream("events").toString()).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void uriMadeSignalsConnectWithTheirFirstSubscriptionAndCloseWithTheirLast() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        Signal signal = Signals.of(TestRedis.url().replace("redis://", "redis-stream://") + "/" + PREFIX + "uri?db=0");
        assertThat(threadsStartedSince(before)).as("no connection before subscribing").isEmpty();
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        Subscription a = signal.subscribe("uri-group", first);
        Subscription b = signal.subscribe(second);
        try (RedisStreamSignals publisher = RedisStreamSignals.create(TestRedis.url())) {
            publisher.publish(PREFIX + "uri", "k", "by uri");
        }
        first.awaitPayload("by uri");
        second.awaitPayload("by uri");
        assertThat(first.events.get(0).signal()).isEqualTo("redis-stream:" + PREFIX + "uri");

        a.close();
        a.close();
        b.close();
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(threadsStartedSince(before)).isEmpty());
    }

    private static Set<String> threadsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !before.contains(thread))
                .filter(thread -> thread.getName().startsWith(OwnedThreads.PREFIX) || thread.getName().contains("lettuce"))
                .map(Thread::getName)
                .collect(java.util.stream.Collectors.toSet());
    }

    private static int closedPort() {
        try (RedisServerProcess stopped = RedisServerProcess.start()) {
            return stopped.port();
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}

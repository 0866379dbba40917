package io.regioncache.signals.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.TestRedis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What create() and close() leave behind: a connection or a clear error, and afterwards no thread. */
class LifecycleIT {

    private final String prefix = TestRedis.uniquePrefix(LifecycleIT.class);

    @Test
    void closeEndsEveryThreadTheInstanceStarted() {
        try (TestConnection publisher = TestConnection.to(TestRedis.url())) {
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
            RedisPubSubSignals redis = RedisPubSubSignals.create(TestRedis.url());
            RecordingListener listener = new RecordingListener();
            redis.channel(prefix + "a").subscribe(listener);
            redis.pattern(prefix + "b*").subscribe(listener);
            publisher.publish(prefix + "a", "hello");
            listener.awaitPayload("hello");
            assertThat(threadsStartedSince(before)).as("threads while subscribed")
                    .anyMatch(name -> name.contains("listener"))
                    .anyMatch(name -> name.contains("nioEventLoop"));

            redis.close();

            await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(threadsStartedSince(before)).isEmpty());
        }
    }

    @Test
    void lentResourcesCarryTheConnectionAndStayUsableAfterClose() throws Exception {
        ClientResources lent = DefaultClientResources.create();
        try (TestConnection publisher = TestConnection.to(TestRedis.url())) {
            RecordingListener listener = new RecordingListener();
            List<String> listenerThreads = new CopyOnWriteArrayList<>();
            RedisPubSubSignals redis = RedisPubSubSignals.create(TestRedis.url(), lent);
            redis.channel(prefix + "lent").subscribe(event -> {
                listenerThreads.add(Thread.currentThread().getName());
                listener.onSignal(event);
            });
            publisher.publish(prefix + "lent", "on lent resources");
            listener.awaitPayload("on lent resources");
            // Listeners run on the adapter's own executor, never on an event loop of the lent resources.
            assertThat(listenerThreads).singleElement().asString().contains("listener").doesNotContain("EventLoop");

            redis.close();

            assertThat(lent.eventExecutorGroup().isShuttingDown()).as("lent resources after close()").isFalse();
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
    void refusedConnectionFailsAtOnceNamingTheUrlAndLeavesNoThread() throws IOException {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        String url = "redis://127.0.0.1:" + unusedPort();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> RedisPubSubSignals.create(url))
                        .isInstanceOf(RedisSignalException.class)
                        .hasMessageContaining("Cannot connect to Redis pub/sub at " + url));
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(threadsStartedSince(before)).isEmpty());
    }

    @Test
    void unansweredConnectionFailsWithinTheConnectTimeout() {
        // A listening socket that never accepts: the TCP handshake completes in the backlog, but
        // Redis's greeting never comes, as with a hung server.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                assertThatThrownBy(() -> RedisPubSubSignals.create("redis://127.0.0.1:" + silent.getLocalPort()
                        + "?timeout=2s"))
                        .isInstanceOf(RedisSignalException.class)
                        .hasMessageContaining("Cannot connect to Redis pub/sub at redis://127.0.0.1:" + silent.getLocalPort());
            }
        });
    }

    @Test
    void listenerMayCloseItsOwnInstance() {
        try (TestConnection publisher = TestConnection.to(TestRedis.url())) {
            RedisPubSubSignals redis = RedisPubSubSignals.create(TestRedis.url());
            RecordingListener closed = new RecordingListener();
            Subscription subscription = redis.channel(prefix + "self").subscribe(event -> {
                redis.close();
                closed.onSignal(event);
            });
            publisher.publish(prefix + "self", "close yourself");
            closed.awaitPayload("close yourself");
            assertThatThrownBy(() -> redis.channel(prefix + "self")).isInstanceOf(IllegalStateException.class);
            subscription.close();
        }
    }

    private static List<String> threadsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !before.contains(thread))
                .map(Thread::getName)
                .toList();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

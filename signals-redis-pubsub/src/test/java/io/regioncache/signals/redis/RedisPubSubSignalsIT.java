package io.regioncache.signals.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.api.sync.RedisCommands;
import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.CapturedLog;
import io.regioncache.testsupport.TestRedis;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisPubSubSignalsIT {

    @RegisterExtension
    static final TestConnection admin = TestConnection.toTestRedis();

    private final String prefix = TestRedis.uniquePrefix(RedisPubSubSignalsIT.class);
    private final String clientName = RedisClients.uniqueName("basics");
    private RedisPubSubSignals redis;

    @BeforeEach
    void connect() {
        redis = RedisPubSubSignals.create(TestRedis.url() + "?clientName=" + clientName);
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void channelDeliversChannelAsKeyAndMessageAsPayload() {
        Signal signal = redis.channel(prefix + "prices");
        RecordingListener listener = new RecordingListener();
        try (Subscription ignored = signal.subscribe(listener)) {
            publish(prefix + "prices", "héllo wörld");
            listener.awaitPayload("héllo wörld");
        }
        SignalEvent event = listener.events.get(0);
        assertThat(signal.name()).isEqualTo("redis:" + prefix + "prices");
        assertThat(event.signal()).isEqualTo(signal.name());
        assertThat(event.key()).isEqualTo(prefix + "prices");
        assertThat(event.timestamp()).isNotNull();
    }

    @Test
    void channelIgnoresOtherChannels() {
        RecordingListener listener = new RecordingListener();
        try (Subscription ignored = redis.channel(prefix + "a").subscribe(listener)) {
            publish(prefix + "b", "not for a");
            publish(prefix + "a", "for a");
            listener.awaitPayload("for a");
        }
        assertThat(listener.payloads()).containsExactly("for a");
    }

    @Test
    void patternDeliversEveryMatchingChannelWithThatChannelAsKey() {
        Signal signal = redis.pattern(prefix + "prices.*");
        RecordingListener listener = new RecordingListener();
        try (Subscription ignored = signal.subscribe(listener)) {
            publish(prefix + "prices.eur", "1");
            publish(prefix + "stock.eur", "not matching");
            publish(prefix + "prices.usd", "2");
            listener.awaitPayload("2");
        }
        assertThat(signal.name()).isEqualTo("redis-pattern:" + prefix + "prices.*");
        assertThat(listener.events).extracting(SignalEvent::key)
                .containsExactly(prefix + "prices.eur", prefix + "prices.usd");
        assertThat(listener.events).extracting(SignalEvent::signal).containsOnly(signal.name());
    }

    @Test
    void redisIsSubscribedOncePerTopicWhileItHasListeners() {
        Signal channel = redis.channel(prefix + "shared");
        Signal pattern = redis.pattern(prefix + "shared.*");
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        Subscription a = channel.subscribe(first);
        Subscription b = redis.channel(prefix + "shared").subscribe(second);
        Subscription c = pattern.subscribe(new RecordingListener());
        Subscription d = pattern.subscribe(new RecordingListener());
        assertThat(subscriptionCounts()).isEqualTo(Map.of("sub", "1", "psub", "1"));

        a.close();
        a.close();
        c.close();
        publish(prefix + "shared", "still bound");
        second.awaitPayload("still bound");
        assertThat(first.payloads()).isEmpty();
        assertThat(subscriptionCounts()).isEqualTo(Map.of("sub", "1", "psub", "1"));

        b.close();
        d.close();
        await().atMost(RecordingListener.WAIT).until(() -> subscriptionCounts().equals(Map.of("sub", "0", "psub", "0")));
    }

    @Test
    void concurrentSubscribesAndClosesLeaveRedisSubscribedExactlyWhileNeeded() throws InterruptedException {
        Signal channel = redis.channel(prefix + "churn");
        // Without a steady subscriber the topic's count keeps dropping to zero: SUBSCRIBE and
        // UNSUBSCRIBE interleave on the connection.
        churn(channel);
        await().atMost(RecordingListener.WAIT).until(() -> subscriptionCounts().get("sub").equals("0"));

        RecordingListener steady = new RecordingListener();
        Subscription kept = channel.subscribe(steady);
        churn(channel);
        assertThat(subscriptionCounts()).containsEntry("sub", "1");
        publish(prefix + "churn", "after churn");
        steady.awaitPayload("after churn");

        kept.close();
        await().atMost(RecordingListener.WAIT).until(() -> subscriptionCounts().get("sub").equals("0"));
    }

    private static void churn(Signal channel) throws InterruptedException {
        List<Thread> churners = IntStream.range(0, 8).mapToObj(i -> new Thread(() -> {
            for (int round = 0; round < 25; round++) {
                channel.subscribe(new RecordingListener()).close();
            }
        })).toList();
        churners.forEach(Thread::start);
        for (Thread churner : churners) {
            churner.join();
        }
    }

    @Test
    void slowListenerDelaysNeitherOtherListenersNorTheConnection() {
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener fast = new RecordingListener();
        try (Subscription slow = redis.channel(prefix + "work").subscribe(event -> awaitQuietly(release));
             Subscription other = redis.channel(prefix + "work").subscribe(fast)) {
            for (int i = 0; i < 20; i++) {
                publish(prefix + "work", "m" + i);
            }
            fast.awaitPayload("m19");
        } finally {
            release.countDown();
        }
    }

    @Test
    void throwingListenerKeepsReceivingAndOthersToo() {
        RecordingListener seenByThrower = new RecordingListener();
        RecordingListener bystander = new RecordingListener();
        try (CapturedLog quiet = CapturedLog.start();
             Subscription thrower = redis.channel(prefix + "boom").subscribe(event -> {
                 seenByThrower.onSignal(event);
                 throw new IllegalStateException("listener failure for the test");
             });
             Subscription other = redis.channel(prefix + "boom").subscribe(bystander)) {
            publish(prefix + "boom", "one");
            publish(prefix + "boom", "two");
            seenByThrower.awaitPayload("two");
            bystander.awaitPayload("two");
            assertThat(quiet.linesContaining(" WARN ")).hasSize(1);
        }
        assertThat(seenByThrower.payloads()).containsExactly("one", "two");
    }

    @Test
    void eachSubscriptionSeesMessagesInPublishOrder() {
        RecordingListener listener = new RecordingListener();
        List<Object> sent = IntStream.range(0, 2_000).mapToObj(Integer::toString).map(Object.class::cast).toList();
        try (Subscription ignored = redis.channel(prefix + "ordered").subscribe(listener)) {
            sent.forEach(message -> publish(prefix + "ordered", (String) message));
            listener.awaitPayload("1999");
        }
        assertThat(listener.payloads()).isEqualTo(sent);
        assertThat(listener.losses).hasValue(0);
    }

    @Test
    void closedInstanceRefusesNewSignalsAndStopsDelivery() {
        RecordingListener listener = new RecordingListener();
        Signal signal = redis.channel(prefix + "closing");
        signal.subscribe(listener);
        redis.close();
        redis.close();
        assertThatThrownBy(() -> redis.channel(prefix + "x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> signal.subscribe(listener)).isInstanceOf(IllegalStateException.class);
        await().atMost(RecordingListener.WAIT).until(() -> RedisClients.named(commands(), clientName).isEmpty());
    }

    @Test
    void badTopicsAndListenersAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> redis.channel("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel").hasMessageContaining("''");
        assertThatThrownBy(() -> redis.pattern("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pattern").hasMessageContaining("'  '");
        assertThatThrownBy(() -> redis.channel(null)).isInstanceOf(NullPointerException.class).hasMessage("channel");
        assertThatThrownBy(() -> redis.pattern(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("channelPattern");
        assertThatThrownBy(() -> redis.channel(prefix + "c").subscribe(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> redis.channel(prefix + "c").subscribe(null, new RecordingListener()))
                .isInstanceOf(NullPointerException.class);
    }

    private Map<String, String> subscriptionCounts() {
        Map<String, String> client = RedisClients.named(commands(), clientName).get(0);
        return Map.of("sub", client.get("sub"), "psub", client.get("psub"));
    }

    private static RedisCommands<String, String> commands() {
        return admin.commands();
    }

    private static void publish(String channel, String message) {
        admin.publish(channel, message);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.regioncache.signals.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.Signals;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.RedisServerProcess;
import io.regioncache.testsupport.TestRedis;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signals made from URIs: they connect with their first subscription and disconnect with their last. */
class SignalsOfIT {

    @RegisterExtension
    static final TestConnection admin = TestConnection.toTestRedis();

    private final String prefix = TestRedis.uniquePrefix(SignalsOfIT.class);
    private final String clientName = RedisClients.uniqueName("uri");

    @Test
    void channelAndPatternUrisShareOneConnectionThatCloseWithTheirLastSubscription() {
        String base = TestRedis.url() + "/1?clientName=" + clientName + "&";
        Signal channel = Signals.of(base + "channel=" + encode(prefix + "prices"));
        Signal pattern = Signals.of(base + "pattern=" + encode(prefix + "prices*"));
        assertThat(RedisClients.named(admin.commands(), clientName)).as("no connection before subscribing").isEmpty();

        RecordingListener channelListener = new RecordingListener();
        RecordingListener patternListener = new RecordingListener();
        Subscription a = channel.subscribe(channelListener);
        Subscription b = pattern.subscribe(patternListener);
        admin.publish(prefix + "prices", "42");
        channelListener.awaitPayload("42");
        patternListener.awaitPayload("42");
        SignalEvent event = patternListener.events.get(0);
        assertThat(event.signal()).isEqualTo("redis-pattern:" + prefix + "prices*");
        assertThat(event.key()).isEqualTo(prefix + "prices");
        assertThat(RedisClients.named(admin.commands(), clientName)).singleElement()
                .satisfies(client -> assertThat(client).containsEntry("db", "1").containsEntry("sub", "1")
                        .containsEntry("psub", "1"));

        a.close();
        a.close();
        assertThat(RedisClients.named(admin.commands(), clientName)).as("still used by the pattern").hasSize(1);
        b.close();
        await().pollInSameThread().atMost(RecordingListener.WAIT)
                .until(() -> RedisClients.named(admin.commands(), clientName).isEmpty());
    }

    @Test
    void firstSubscriptionToAnUnreachableServerFailsAndALaterOneConnects() {
        try (RedisServerProcess server = RedisClients.privateServer()) {
            Signal signal = Signals.of(server.url() + "?channel=events");
            server.stop();
            assertThatThrownBy(() -> signal.subscribe(new RecordingListener()))
                    .isInstanceOf(RedisSignalException.class)
                    .hasMessageContaining(server.url());

            server.restart();
            RecordingListener listener = new RecordingListener();
            try (Subscription ignored = signal.subscribe(listener);
                 TestConnection publisher = TestConnection.to(server.url())) {
                publisher.publish("events", "back");
                listener.awaitPayload("back");
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

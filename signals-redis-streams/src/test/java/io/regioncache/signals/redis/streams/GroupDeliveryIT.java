package io.regioncache.signals.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.resource.Delay;
import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.CapturedLog;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consumer groups: sharing, acknowledgement after the listener's stage, redelivery, and naming. */
class GroupDeliveryIT {

    static {
        // Three tests fail a listener on purpose; this class runs in a JVM of its own.
        System.setProperty("org.slf4j.simpleLogger.log." + EntryDeliveries.class.getName(), "error");
    }

    private static final String PREFIX = TestRedis.uniquePrefix(GroupDeliveryIT.class);

    private final String stream = PREFIX + "events-" + System.nanoTime();
    private RedisStreamSignals first;
    private RedisStreamSignals second;

    @BeforeEach
    void connect() {
        first = RedisStreamSignals.builder(TestRedis.url()).redeliveryDelay(Delay.constant(Duration.ofMillis(50))).build();
        second = RedisStreamSignals.create(TestRedis.url());
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @AfterAll
    static void deleteStreams() {
        TestRedis.deleteKeys(PREFIX);
    }

    @Test
    void twoProcessesInOneGroupSplitTheEventsAndTogetherSeeEachOnce() {
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        Subscription subscriptionA = first.stream(stream).subscribe("purgers", a);
        second.stream(stream).subscribe("purgers", b);
        // Redis creates a consumer with its first read: both are reading before anything is published.
        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> consumerNames("purgers").size() == 2);
        List<String> published = IntStream.range(0, 200).mapToObj(i -> "event-" + i).toList();

        published.forEach(payload -> first.publish(stream, "k", payload));

        await().pollInSameThread().atMost(RecordingListener.WAIT)
                .until(() -> a.events.size() + b.events.size() >= published.size());
        List<Object> together = Stream.concat(a.payloads().stream(), b.payloads().stream()).toList();
        assertThat(together).containsExactlyInAnyOrderElementsOf(published);
        assertThat(a.events).as("first process's share").isNotEmpty();
        assertThat(b.events).as("second process's share").isNotEmpty();
        assertThat(a.losses.get() + b.losses.get()).as("only the group's creation is a possible loss").isEqualTo(1);
        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> pendingCount("purgers") == 0);

        List<String> consumers = consumerNames("purgers");
        assertThat(consumers).hasSize(2).allSatisfy(name -> assertThat(name)
                .matches(".+/" + ProcessHandle.current().pid() + "/\\d+"));
        subscriptionA.close();
        assertThat(consumerNames("purgers")).as("the closed subscription's consumer is deleted").hasSize(1)
                .isSubsetOf(consumers);
    }

    @Test
    void aNewGroupStartsAtTheEndAndReportsOnePossibleLossAJoiningMemberNone() {
        first.publish(stream, "k", "before the group");
        RecordingListener creator = new RecordingListener();
        RecordingListener joiner = new RecordingListener();

        first.stream(stream).subscribe("new-group", creator);
        second.stream(stream).subscribe("new-group", joiner);
        first.publish(stream, "k", "after the group");

        await().pollInSameThread().atMost(RecordingListener.WAIT)
                .until(() -> creator.events.size() + joiner.events.size() == 1);
        assertThat(Stream.concat(creator.payloads().stream(), joiner.payloads().stream()))
                .containsExactly("after the group");
        assertThat(creator.losses).hasValue(1);
        assertThat(joiner.losses).hasValue(0);
    }

    @Test
    void anEntryIsAcknowledgedOnlyWhenTheListenersStageCompletesNormally() {
        List<CompletableFuture<Void>> stages = new CopyOnWriteArrayList<>();
        List<SignalEvent> deliveries = new CopyOnWriteArrayList<>();
        SignalListener asynchronous = new SignalListener() {
            @Override
            public void onSignal(SignalEvent event) {
                throw new AssertionError("an acknowledging transport calls onSignalAsync");
            }

            @Override
            public CompletionStage<Void> onSignalAsync(SignalEvent event) {
                CompletableFuture<Void> stage = new CompletableFuture<>();
                deliveries.add(event);
                stages.add(stage);
                return stage;
            }
        };
        first.stream(stream).subscribe("acks", asynchronous);
        String id = first.publish(stream, "user-1", "saved");

        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> stages.size() == 1);
        assertThat(pendingCount("acks")).as("pending while the stage runs").isEqualTo(1);
        stages.get(0).completeExceptionally(new IllegalStateException("purge failed on purpose"));
        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> stages.size() == 2);
        assertThat(pendingCount("acks")).as("still pending after a failed stage").isEqualTo(1);
        stages.get(1).complete(null);

        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> pendingCount("acks") == 0);
        assertThat(deliveries).extracting(SignalEvent::key, SignalEvent::payload)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("user-1", "saved")).hasSize(2);
        assertThat(deliveries.get(0).timestamp()).isEqualTo(EntryIds.timestamp(id));
        assertThat(deliveries.get(0).signal()).isEqualTo("redis-stream:" + stream);
    }

    @Test
    void aThrowingListenerGetsTheEntryAgainUntilItReturns() {
        List<Object> calls = new CopyOnWriteArrayList<>();
        Signal signal = first.stream(stream);
        signal.subscribe("retries", event -> {
            calls.add(event.payload());
            if (calls.size() < 3) {
                throw new IllegalStateException("Redis down, on purpose (call " + calls.size() + ")");
            }
        });

        first.publish(stream, null, "retried");

        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> calls.size() == 3);
        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> pendingCount("retries") == 0);
        assertThat(calls).containsOnly("retried");
    }

    @Test
    void aListenerThatThrowsAnErrorGetsTheEntryAgainAndLaterEntriesStillFlow() {
        List<Object> calls = new CopyOnWriteArrayList<>();
        try (CapturedLog log = CapturedLog.start()) {
            first.stream(stream).subscribe("errors", event -> {
                calls.add(event.payload());
                if (calls.size() == 1) {
                    throw new AssertionError("a listener bug that must not end the reader thread");
                }
            });

            String id = first.publish(stream, null, "retried");
            await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> calls.size() == 2);
            first.publish(stream, null, "later");
            await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> calls.size() == 3);
            await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> pendingCount("errors") == 0);

            assertThat(calls).containsExactly("retried", "retried", "later");
            assertThat(log.linesContaining("ERROR")).singleElement().asString()
                    .contains("threw an error on entry " + id).contains("(group 'errors',");
            assertThat(log.text()).contains("AssertionError: a listener bug");
        }
    }

    private long pendingCount(String group) {
        return TestRedis.withCommands(redis -> redis.xpending(stream, group).getCount());
    }

    private List<String> consumerNames(String group) {
        return TestRedis.withCommands(redis -> redis.xinfoConsumers(stream, group).stream()
                .map(consumer -> String.valueOf(((List<?>) consumer).get(1))).toList());
    }
}

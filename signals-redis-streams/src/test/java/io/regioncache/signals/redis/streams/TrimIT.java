package io.regioncache.signals.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Entries trimmed before a group read them are a possible loss, not silence; trimming read ones is nothing. */
class TrimIT {

    private static final String PREFIX = TestRedis.uniquePrefix(TrimIT.class);

    private final String stream = PREFIX + "events-" + System.nanoTime();
    private final RedisStreamSignals streams = RedisStreamSignals.create(TestRedis.url());

    @AfterEach
    void close() {
        streams.close();
    }

    @AfterAll
    static void deleteStreams() {
        TestRedis.deleteKeys(PREFIX);
    }

    @Test
    void trimmingPastASlowGroupIsReportedAsAPossibleLoss() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        RecordingListener slow = new RecordingListener() {
            @Override
            public void onSignal(io.regioncache.signals.SignalEvent event) {
                awaitRelease(release);
                handled.incrementAndGet();
            }
        };
        streams.stream(stream).subscribe("slow", slow);
        assertThat(slow.losses).as("the new group").hasValue(1);
        for (int i = 0; i < 300; i++) {
            streams.publish(stream, "k", "event-" + i);
        }
        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> groupEntriesRead("slow") > 0);

        // The reader holds its first batch (its listener is stuck on the batch's first entry); all but
        // ten of the rest are trimmed away before the group reads them.
        long firstBatch = groupEntriesRead("slow");
        TestRedis.withCommands(redis -> redis.xtrim(stream, 10));
        release.countDown();

        slow.awaitLosses(2);
        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> handled.get() == firstBatch + 10);
        assertThat(firstBatch).as("entries read before the trim").isLessThan(290);
    }

    @Test
    void aGroupThatLaggedWhileNoMemberRanReportsTheTrimmedEntriesWhenItComesBack() {
        RecordingListener before = new RecordingListener();
        Subscription first = streams.stream(stream).subscribe("returning", before);
        streams.publish(stream, "k", "read");
        before.awaitPayload("read");
        first.close();
        for (int i = 0; i < 20; i++) {
            streams.publish(stream, "k", "missed-" + i);
        }
        TestRedis.withCommands(redis -> redis.xtrim(stream, 2));

        RecordingListener after = new RecordingListener();
        streams.stream(stream).subscribe("returning", after);

        after.awaitLosses(1);
        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> after.events.size() == 2);
        assertThat(after.payloads()).containsExactly("missed-18", "missed-19");
    }

    @Test
    void trimmingEntriesTheGroupAlreadyReadIsNoLoss() {
        RecordingListener listener = new RecordingListener();
        streams.stream(stream).subscribe("caught-up", listener);
        RecordingListener alone = new RecordingListener();
        streams.stream(stream).subscribe(alone);
        for (int i = 0; i < 50; i++) {
            streams.publish(stream, "k", "event-" + i);
        }
        listener.awaitPayload("event-49");
        alone.awaitPayload("event-49");

        TestRedis.withCommands(redis -> redis.xtrim(stream, 0));
        streams.publish(stream, "k", "after the trim");

        listener.awaitPayload("after the trim");
        alone.awaitPayload("after the trim");
        await().pollInSameThread().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    assertThat(listener.losses).as("only the group's creation").hasValue(1);
                    assertThat(alone.losses).hasValue(0);
                });
    }

    private long groupEntriesRead(String group) {
        return TestRedis.withCommands(redis -> StreamInfo.group(redis, stream, group).orElseThrow().entriesRead());
    }

    private static void awaitRelease(CountDownLatch release) {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

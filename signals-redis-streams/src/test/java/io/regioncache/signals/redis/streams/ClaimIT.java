package io.regioncache.signals.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.Consumer;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Entries a consumer did not acknowledge are not lost: handed over on close, claimed after a crash. */
class ClaimIT {

    private static final String PREFIX = TestRedis.uniquePrefix(ClaimIT.class);
    private static final Duration CLAIM_IDLE = Duration.ofMillis(500);

    private final String stream = PREFIX + "events-" + System.nanoTime();
    private final RedisStreamSignals first = instance();
    private final RedisStreamSignals second = instance();

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
    void aConsumerClosedBeforeAcknowledgingHasItsEntryAppliedByTheOther() {
        List<SignalEvent> started = new CopyOnWriteArrayList<>();
        SignalListener neverFinishes = new SignalListener() {
            @Override
            public void onSignal(SignalEvent event) {
                throw new AssertionError("an acknowledging transport calls onSignalAsync");
            }

            @Override
            public CompletionStage<Void> onSignalAsync(SignalEvent event) {
                started.add(event);
                return new CompletableFuture<>(); // a purge still running when its process shuts down
            }
        };
        Subscription slow = first.stream(stream).subscribe("purgers", neverFinishes);
        first.publish(stream, "user-7", "held");
        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> started.size() == 1);
        RecordingListener other = new RecordingListener();
        second.stream(stream).subscribe("purgers", other);

        slow.close();

        assertThat(consumerCount()).as("the closed consumer handed its entry over and left the group").isEqualTo(1);
        other.awaitPayload("held");
        assertThat(other.events).singleElement().extracting(SignalEvent::key).isEqualTo("user-7");
        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> pendingCount() == 0);
    }

    @Test
    @SuppressWarnings("unchecked") // Lettuce's varargs of generic StreamOffsets
    void entriesOfAConsumerThatDiedAreClaimedAfterTheIdleTime() {
        RecordingListener live = new RecordingListener();
        second.stream(stream).subscribe("purgers", live);
        TestRedis.withCommands(redis -> {
            // A process that read an entry and died before acknowledging it: its consumer keeps it pending.
            redis.xgroupCreateconsumer(stream, Consumer.from("purgers", "crashed-host/1/1"));
            return null;
        });
        second.close();
        String id = TestRedis.withCommands(redis -> {
            String added = redis.xadd(stream, "key", "user-9", "payload", "orphaned");
            redis.xreadgroup(Consumer.from("purgers", "crashed-host/1/1"), StreamOffset.lastConsumed(stream));
            return added;
        });
        RedisStreamSignals third = instance();
        try {
            RecordingListener survivor = new RecordingListener();
            third.stream(stream).subscribe("purgers", survivor);

            survivor.awaitPayload("orphaned");
            assertThat(survivor.events).singleElement().satisfies(event -> {
                assertThat(event.key()).isEqualTo("user-9");
                assertThat(event.timestamp()).isEqualTo(EntryIds.timestamp(id));
            });
            await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> pendingCount() == 0);
            assertThat(live.events).isEmpty();
        } finally {
            third.close();
        }
    }

    private static RedisStreamSignals instance() {
        return RedisStreamSignals.builder(TestRedis.url()).claimIdleTime(CLAIM_IDLE).build();
    }

    private long pendingCount() {
        return TestRedis.withCommands(redis -> redis.xpending(stream, "purgers").getCount());
    }

    private long consumerCount() {
        return TestRedis.withCommands(redis -> (long) redis.xinfoConsumers(stream, "purgers").size());
    }
}

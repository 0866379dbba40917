package io.regioncache.signals.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.testsupport.CapturedLog;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The per-listener queue, driven by an executor that runs tasks only when the test says so. */
class QueuedSubscriptionTest {

    /** Holds tasks until {@link #runAll()}, as a busy executor would. */
    private static final class HeldExecutor implements Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        }
    }

    private final HeldExecutor executor = new HeldExecutor();
    private final RecordingListener listener = new RecordingListener();
    private final AtomicInteger releases = new AtomicInteger();
    private final QueuedSubscription subscription =
            new QueuedSubscription("redis:test", listener, executor, closing -> releases.incrementAndGet());

    @Test
    void deliversInOrderWithOneDrainScheduledAtATime() {
        for (int i = 0; i < 200; i++) {
            subscription.offer(event(i));
        }
        assertThat(executor.tasks).as("one drain scheduled, however many events").hasSize(1);
        executor.runAll();
        assertThat(listener.payloads()).hasSize(200).isSortedAccordingTo((a, b) ->
                Integer.compare(Integer.parseInt((String) a), Integer.parseInt((String) b)));
        assertThat(listener.losses).hasValue(0);
    }

    @Test
    void listenerFarBehindLosesTheNewestEventsAndIsToldOnce() {
        try (CapturedLog log = CapturedLog.start()) {
            for (int i = 0; i < QueuedSubscription.CAPACITY + 500; i++) {
                subscription.offer(event(i));
            }
            assertThat(log.linesContaining(" WARN ")).singleElement().asString()
                    .contains("is " + QueuedSubscription.CAPACITY + " events behind");
        }
        executor.runAll();
        assertThat(listener.losses).hasValue(1);
        assertThat(listener.payloads()).hasSize(QueuedSubscription.CAPACITY)
                .startsWith("0").endsWith(Integer.toString(QueuedSubscription.CAPACITY - 1));

        subscription.offer(event(-1));
        executor.runAll();
        assertThat(listener.payloads()).as("delivery goes on once it caught up").endsWith("-1");
        assertThat(listener.losses).hasValue(1);
    }

    @Test
    void lossesReportedWhilePendingAreCoalesced() {
        subscription.reportPossibleLoss();
        subscription.reportPossibleLoss();
        executor.runAll();
        assertThat(listener.losses).hasValue(1);
    }

    @Test
    void lossIsReportedAheadOfTheEventsAlreadyQueued() {
        List<String> calls = new ArrayList<>();
        QueuedSubscription ordered = new QueuedSubscription("redis:test", new SignalListener() {
            @Override
            public void onSignal(SignalEvent event) {
                calls.add((String) event.payload());
            }

            @Override
            public void onPossibleLoss(String signal) {
                calls.add("loss");
            }
        }, executor, closing -> { });

        ordered.offer(event(1));
        ordered.offer(event(2));
        ordered.reportPossibleLoss();
        executor.runAll();

        assertThat(calls).containsExactly("loss", "1", "2");
    }

    @Test
    void aRunOfListenerFailuresIsOneWarningUntilTheListenerSucceeds() {
        AtomicBoolean down = new AtomicBoolean(true);
        QueuedSubscription purging = new QueuedSubscription("redis:test", event -> {
            if (down.get()) {
                throw new IllegalStateException("Redis is down (thrown on purpose)");
            }
        }, executor, closing -> { });
        try (CapturedLog log = CapturedLog.start()) {
            for (int i = 0; i < 5; i++) {
                purging.offer(event(i));
            }
            executor.runAll();
            assertThat(log.linesContaining(" WARN ")).singleElement().asString()
                    .contains("further failures are logged at DEBUG");

            down.set(false);
            purging.offer(event(5));
            executor.runAll();
            down.set(true);
            purging.offer(event(6));
            executor.runAll();
            assertThat(log.linesContaining(" WARN ")).as("a new run after a success, a new warning").hasSize(2);
        }
    }

    @Test
    void aListenerErrorIsLoggedAtErrorAndLaterEventsAreStillDelivered() {
        List<Object> seen = new ArrayList<>();
        QueuedSubscription erring = new QueuedSubscription("redis:test", event -> {
            seen.add(event.payload());
            if (seen.size() == 1) {
                throw new StackOverflowError("a listener's runaway recursion (thrown on purpose)");
            }
        }, executor, closing -> { });
        try (CapturedLog log = CapturedLog.start()) {
            erring.offer(event(1));
            erring.offer(event(2));
            executor.runAll();
            assertThat(log.linesContaining(" ERROR ")).singleElement().asString()
                    .contains("Listener of redis:test threw an error from onSignal");
            assertThat(log.text()).contains("StackOverflowError: a listener's runaway recursion");
        }
        assertThat(seen).containsExactly("1", "2");
    }

    @Test
    void closeDropsWhatIsQueuedReleasesOnceAndIgnoresLaterEvents() {
        subscription.offer(event(1));
        subscription.close();
        subscription.close();
        subscription.offer(event(2));
        subscription.reportPossibleLoss();
        executor.runAll();
        assertThat(listener.events).isEmpty();
        assertThat(listener.losses).hasValue(0);
        assertThat(releases).hasValue(1);
    }

    private static SignalEvent event(int i) {
        return new SignalEvent("redis:test", "test", Integer.toString(i), Instant.now());
    }
}

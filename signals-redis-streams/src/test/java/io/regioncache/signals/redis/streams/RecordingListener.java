package io.regioncache.signals.redis.streams;

import static org.awaitility.Awaitility.await;

import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers what a signal delivered, for tests to wait on. Waits poll on the test's own thread,
 * so that tests counting threads see only the adapter's.
 */
class RecordingListener implements SignalListener {

    static final Duration WAIT = Duration.ofSeconds(20);

    final List<SignalEvent> events = new CopyOnWriteArrayList<>();
    final AtomicInteger losses = new AtomicInteger();

    @Override
    public void onSignal(SignalEvent event) {
        events.add(event);
    }

    @Override
    public void onPossibleLoss(String signal) {
        losses.incrementAndGet();
    }

    List<Object> payloads() {
        return events.stream().map(SignalEvent::payload).toList();
    }

    void awaitPayload(Object payload) {
        await().pollInSameThread().atMost(WAIT).until(() -> payloads().contains(payload));
    }

    void awaitLosses(int count) {
        await().pollInSameThread().atMost(WAIT).until(() -> losses.get() >= count);
    }
}

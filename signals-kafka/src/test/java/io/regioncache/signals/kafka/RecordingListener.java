package io.regioncache.signals.kafka;

import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Remembers what a subscription delivered, for tests to wait on. */
final class RecordingListener implements SignalListener {

    private final List<SignalEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger possibleLosses = new AtomicInteger();

    @Override
    public void onSignal(SignalEvent event) {
        events.add(event);
    }

    @Override
    public void onPossibleLoss(String signal) {
        possibleLosses.incrementAndGet();
    }

    List<SignalEvent> events() {
        return events;
    }

    List<Object> payloads() {
        return events.stream().map(SignalEvent::payload).toList();
    }

    int possibleLosses() {
        return possibleLosses.get();
    }
}

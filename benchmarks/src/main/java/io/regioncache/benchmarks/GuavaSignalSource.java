package io.regioncache.benchmarks;

import com.google.common.eventbus.EventBus;
import io.regioncache.signals.Signal;
import io.regioncache.signals.guava.GuavaSignals;

/** An application's Guava {@link EventBus}, posting the event type the region is bound to. */
final class GuavaSignalSource implements SignalSource {

    /** The application event that makes the cached data stale. */
    record DataChanged(long sequence) {
    }

    private final EventBus bus = new EventBus("benchmark");
    private final Signal signal = GuavaSignals.on(bus, DataChanged.class);
    private long sequence;

    @Override
    public Signal signal() {
        return signal;
    }

    @Override
    public void fire() {
        bus.post(new DataChanged(sequence++));
    }

    @Override
    public void close() {
        // The bus holds no threads or connections.
    }
}

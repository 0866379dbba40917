package io.regioncache.benchmarks;

import io.regioncache.signals.LocalSignal;
import io.regioncache.signals.Signal;
import io.regioncache.signals.Signals;

/** A named in-process signal: {@code send} returns once the listeners have run. */
final class LocalSignalSource implements SignalSource {

    private final LocalSignal signal;

    LocalSignalSource(String uniqueName) {
        this.signal = Signals.named(uniqueName + "signal");
    }

    @Override
    public Signal signal() {
        return signal;
    }

    @Override
    public void fire() {
        signal.send("changed");
    }

    @Override
    public void close() {
        // A named signal is an in-process registry entry; there is nothing to release.
    }
}

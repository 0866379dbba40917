package io.regioncache.signals.tck;

import io.regioncache.signals.LocalSignal;
import io.regioncache.signals.Signal;
import io.regioncache.signals.Signals;
import java.util.UUID;

/** The local signals of signals-api keep the contract (signals-api cannot depend on this kit). */
class LocalSignalContractTest extends SignalContract {

    private LocalSignal signal;

    @Override
    protected Signal createSignal() {
        signal = Signals.named("signals-tck-" + UUID.randomUUID());
        return signal;
    }

    @Override
    protected void publish(String key, String payload) {
        signal.send(key, payload);
    }

    @Override
    protected void closeTransport() {
        // Named signals live as long as the JVM and own no resources.
    }

    @Override
    protected boolean isTransportThread(Thread thread) {
        // Local signals run listeners on the sender's thread and start none of their own.
        return false;
    }
}

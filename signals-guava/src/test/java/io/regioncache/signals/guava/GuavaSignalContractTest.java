package io.regioncache.signals.guava;

import com.google.common.eventbus.EventBus;
import io.regioncache.signals.Signal;
import io.regioncache.signals.tck.SignalContract;
import io.regioncache.testsupport.QuietLog;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signals on a synchronous {@link EventBus} keep the signal contract. */
@ExtendWith(QuietLog.class)
class GuavaSignalContractTest extends SignalContract {

    private EventBus bus;

    @Override
    protected Signal createSignal() {
        bus = createBus("contract-" + UUID.randomUUID());
        return GuavaSignals.on(bus, String.class);
    }

    /** The bus under test; a subclass swaps in an asynchronous one. */
    EventBus createBus(String identifier) {
        return new EventBus(identifier);
    }

    @Override
    protected void publish(String key, String payload) {
        // Guava events have no key: the event object is the payload.
        bus.post(payload);
    }

    @Override
    protected void closeTransport() throws Exception {
        // The bus is the application's; the adapter has nothing of its own to close.
    }

    /** The adapter starts no thread at all, so any thread that appears during a test would be its doing. */
    @Override
    protected boolean isTransportThread(Thread thread) {
        return true;
    }

    @Override
    protected boolean carriesKeys() {
        return false;
    }

    @Override
    protected boolean carriesNullPayload() {
        // EventBus.post(null) throws NullPointerException.
        return false;
    }
}

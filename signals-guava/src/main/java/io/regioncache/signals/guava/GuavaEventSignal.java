package io.regioncache.signals.guava;

import com.google.common.eventbus.EventBus;
import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.util.Objects;

/** The signal behind {@link GuavaSignals#on(EventBus, Class)}. */
final class GuavaEventSignal implements Signal {

    private final EventBus bus;
    private final Class<?> eventType;
    private final String name;

    GuavaEventSignal(EventBus bus, Class<?> eventType) {
        this.bus = bus;
        this.eventType = eventType;
        this.name = "guava:" + bus.identifier() + ":" + eventType.getName();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Subscription subscribe(SignalListener listener) {
        Objects.requireNonNull(listener, "listener");
        return BusTap.attach(bus, eventType, name, listener);
    }

    @Override
    public String toString() {
        return "GuavaSignal[" + name + "]";
    }
}

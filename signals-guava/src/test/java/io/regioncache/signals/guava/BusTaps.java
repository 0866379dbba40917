package io.regioncache.signals.guava;

import com.google.common.eventbus.EventBus;

/** What the tests ask a bus about this library's subscriber. */
final class BusTaps {

    private BusTaps() {
    }

    /** Whether this library's subscriber is registered with {@code bus}, as the bus itself reports. */
    static boolean registeredOn(EventBus bus) {
        // Every event reaches the tap, so any event will do for the question.
        return BusSubscribers.targetsOf(bus, new Object()).stream().anyMatch(BusTap.class::isInstance);
    }
}

package io.regioncache.signals.guava;

import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.DeadEvent;
import com.google.common.eventbus.EventBus;
import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import java.util.Objects;

/**
 * Signals that fire on events posted to a Guava {@link EventBus}, so that a cache region can be
 * invalidated when the application posts an event:
 * <pre>{@code
 * EventBus bus = ...;                                   // the application's bus
 * region.invalidateOn(GuavaSignals.on(bus, UserSaved.class));
 * bus.post(new UserSaved(42));                          // the region is purged
 * }</pre>
 *
 * <h2>What the signal delivers</h2>
 * Every event posted on the bus whose class is the event type or a subtype of it (a subclass, or
 * an implementation when the type is an interface) fires the signal once per subscription:
 * {@link SignalEvent#payload()} is the event object itself, {@link SignalEvent#key()} is null,
 * and {@link SignalEvent#signal()} is the signal's {@link Signal#name() name},
 * {@code "guava:" + bus.identifier() + ":" + eventType.getName()}. Listeners run where the bus
 * runs its subscribers: on the posting thread for an {@link EventBus}, on the bus's executor for
 * an {@link AsyncEventBus}. Guava cannot share events among subscribers, so a group subscription
 * ({@link Signal#subscribe(String, io.regioncache.signals.SignalListener)}) gets every event too.
 *
 * <h2>What the bus keeps doing</h2>
 * Binding a signal does not change what the application's bus does:
 * <ul>
 *   <li>the application's subscribers receive every event, as before;</li>
 *   <li>an event that no application subscriber handles still produces a {@link DeadEvent} with
 *       the bus as its source, delivered to the application's {@code DeadEvent} subscribers
 *       (this library re-posts it, since to Guava its own subscriber counts as a handler; on an
 *       {@link EventBus} it still arrives before {@code post} returns, but when events are posted
 *       from inside a subscriber it may come after the events posted later by that subscriber;
 *       on an {@link AsyncEventBus} it is dispatched through the bus's executor like any event);</li>
 *   <li>a listener that throws is logged (SLF4J, logger {@code io.regioncache.signals.guava}: the
 *       first failure of a run at WARN, the rest at DEBUG until it succeeds again) and never
 *       reaches the bus's {@code SubscriberExceptionHandler}; other listeners and the
 *       application's subscribers carry on.</li>
 * </ul>
 * While at least one subscription on a bus is open this library keeps one subscriber registered
 * on it (one for all signals on that bus); when the last one is closed, it unregisters it.
 *
 * <h2>The bus is borrowed</h2>
 * The bus, and the executor of an {@link AsyncEventBus}, belong to the application: this library
 * never shuts them down, and starts no thread of its own. Closing every subscription leaves the
 * bus exactly as it was before the first one.
 *
 * <p>Guava signals need an {@link EventBus} object, so they are bound in code; {@code
 * io.regioncache.signals.Signals.of(String)} has no URI for them.
 */
public final class GuavaSignals {

    private GuavaSignals() {
    }

    /**
     * A signal that fires for every event posted on {@code bus} whose type is {@code eventType} or
     * a subtype of it. Subscribing registers with the bus; creating the signal does not.
     *
     * @param bus       the application's bus, borrowed: never shut down by this library
     * @param eventType the events to fire on; {@code Object.class} fires on every event
     * @return the signal; thread-safe
     * @throws NullPointerException     if {@code bus} or {@code eventType} is null
     * @throws IllegalArgumentException if {@code eventType} is a primitive type, which no posted
     *                                  event can have
     * @throws IllegalStateException    if this Guava does not let the library read a bus's
     *                                  subscribers, which it needs to keep {@code DeadEvent}
     *                                  delivery unchanged (the message says what to do)
     */
    public static Signal on(EventBus bus, Class<?> eventType) {
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(eventType, "eventType");
        if (eventType.isPrimitive()) {
            throw new IllegalArgumentException("Events posted on a bus are objects, so a signal on primitive type "
                    + eventType + " would never fire; use its wrapper class, such as Integer.class");
        }
        BusSubscribers.requireReadable();
        return new GuavaEventSignal(bus, eventType);
    }
}

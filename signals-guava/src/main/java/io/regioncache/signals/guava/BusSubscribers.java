package io.regioncache.signals.guava;

import com.google.common.eventbus.EventBus;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads which objects an {@link EventBus} would deliver an event to.
 *
 * <p>A tap that sees every event must itself be a subscriber, and Guava posts a {@code DeadEvent}
 * only for events without any subscriber; so, to keep {@code DeadEvent} working, the tap asks
 * whether the application has a subscriber for each event and re-posts the {@code DeadEvent}
 * Guava would have posted. Guava has no public API for that question; this class asks its
 * registry ({@code EventBus.subscribers}, {@code SubscriberRegistry.getSubscribers(Object)},
 * {@code Subscriber.target}, as in Guava 33), and says clearly what to do if it cannot.
 */
final class BusSubscribers {

    private static final Field REGISTRY;
    private static final Method SUBSCRIBERS_OF_EVENT;
    private static final Field TARGET;
    /** Why the registry cannot be read, or null if it can. */
    private static final Exception UNAVAILABLE;

    static {
        Field registry = null;
        Method subscribersOfEvent = null;
        Field target = null;
        Exception unavailable = null;
        try {
            registry = EventBus.class.getDeclaredField("subscribers");
            registry.setAccessible(true);
            subscribersOfEvent = registry.getType().getDeclaredMethod("getSubscribers", Object.class);
            subscribersOfEvent.setAccessible(true);
            target = Class.forName("com.google.common.eventbus.Subscriber", false, EventBus.class.getClassLoader())
                    .getDeclaredField("target");
            target.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = e;
        }
        REGISTRY = registry;
        SUBSCRIBERS_OF_EVENT = subscribersOfEvent;
        TARGET = target;
        UNAVAILABLE = unavailable;
    }

    private BusSubscribers() {
    }

    /**
     * Checks that buses can be read.
     *
     * @throws IllegalStateException if they cannot, saying why and what to do
     */
    static void requireReadable() {
        if (UNAVAILABLE != null) {
            throw new IllegalStateException("GuavaSignals cannot read the subscribers of a Guava EventBus, which it "
                    + "needs to keep DeadEvent delivery unchanged. If Guava is on the module path, run with --add-opens "
                    + "com.google.common/com.google.common.eventbus=io.regioncache.signals.guava (=ALL-UNNAMED if "
                    + "signals-guava is on the class path); otherwise this Guava version is not supported", UNAVAILABLE);
        }
    }

    /** The objects whose subscriber methods {@code bus} would call with {@code event}, now. */
    static List<Object> targetsOf(EventBus bus, Object event) {
        requireReadable();
        try {
            Iterator<?> subscribers = (Iterator<?>) SUBSCRIBERS_OF_EVENT.invoke(REGISTRY.get(bus), event);
            List<Object> targets = new ArrayList<>();
            while (subscribers.hasNext()) {
                targets.add(TARGET.get(subscribers.next()));
            }
            return targets;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read the subscribers of " + bus, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Cannot read the subscribers of " + bus, e.getCause());
        }
    }
}

package io.regioncache.signals.guava;

import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.DeadEvent;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one subscriber this library registers on a bus, however many signals are bound to it.
 *
 * <p>A Guava subscriber method's parameter type is fixed when it is compiled, so a signal for a
 * type known only at run time must subscribe to {@code Object} and filter. Subscribing to
 * {@code Object} would make every event "handled" and silence {@code DeadEvent}; so after
 * delivering an event the tap asks the bus whether any other subscriber got it, and if none did it
 * posts the {@code DeadEvent} Guava would have posted. One tap per bus makes that decision once
 * per event (a tap per signal would each post a {@code DeadEvent}) and costs the bus one extra
 * subscriber call per event. The tap is registered only while at least one binding is open.
 *
 * <p>The tap receives its own {@code DeadEvent}s too. A binding on {@code Object} (or any type
 * but {@code DeadEvent}) has already had the original event, so it does not get the wrapper: that
 * would be a second delivery of one event, with a payload of a type the listener never posted. A
 * binding on {@code DeadEvent} itself gets it, as it would have from Guava without this library.
 */
final class BusTap {

    private static final Logger LOG = LoggerFactory.getLogger(BusTap.class);

    /** The registered taps: a bus is here exactly while its tap is registered with it. Guarded by itself. */
    private static final Map<EventBus, BusTap> TAPS = new IdentityHashMap<>();

    /**
     * The {@code DeadEvent}s the taps posted, until the bus has delivered them: weak, so that one
     * whose tap was unregistered before delivery does not stay. {@code DeadEvent} keeps Object's
     * identity equality, and an application's own {@code DeadEvent} is never in here.
     */
    private static final Set<DeadEvent> REPOSTED =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final EventBus bus;
    private final List<Binding> bindings = new CopyOnWriteArrayList<>();

    private BusTap(EventBus bus) {
        this.bus = bus;
    }

    /** Delivers the events of {@code eventType} posted on {@code bus} to {@code listener} until the subscription is closed. */
    static Subscription attach(EventBus bus, Class<?> eventType, String signal, SignalListener listener) {
        synchronized (TAPS) {
            BusTap tap = TAPS.get(bus);
            if (tap == null) {
                tap = new BusTap(bus);
                bus.register(tap);
                TAPS.put(bus, tap);
            }
            Binding binding = tap.new Binding(eventType, signal, listener);
            tap.bindings.add(binding);
            return binding;
        }
    }

    /** Called by the bus for every event posted on it. Thread-safe, so the bus need not serialize calls. */
    @Subscribe
    @AllowConcurrentEvents
    public void onEvent(Object event) {
        Instant now = Instant.now();
        boolean reposted = event instanceof DeadEvent dead && REPOSTED.remove(dead);
        for (Binding binding : bindings) {
            if (!reposted || DeadEvent.class.isAssignableFrom(binding.eventType)) {
                binding.deliver(event, now);
            }
        }
        if (!(event instanceof DeadEvent) && !handledByOthers(event)) {
            DeadEvent dead = new DeadEvent(bus, event);
            REPOSTED.add(dead);
            bus.post(dead);
        }
    }

    private boolean handledByOthers(Object event) {
        try {
            // Any tap counts as ours, including one unregistered while this event was in flight.
            return BusSubscribers.targetsOf(bus, event).stream().anyMatch(target -> !(target instanceof BusTap));
        } catch (RuntimeException e) {
            LOG.error("Cannot tell whether an event of type {} on {} had other subscribers; not posting a DeadEvent "
                    + "for it", event.getClass().getName(), bus, e);
            return true;
        }
    }

    private void detach(Binding binding) {
        synchronized (TAPS) {
            bindings.remove(binding);
            if (bindings.isEmpty() && TAPS.remove(bus, this)) {
                bus.unregister(this);
            }
        }
    }

    /** One subscription: a listener and the event type it wants. */
    private final class Binding implements Subscription {

        private final Class<?> eventType;
        private final String signal;
        private final SignalListener listener;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicBoolean failing = new AtomicBoolean();

        Binding(Class<?> eventType, String signal, SignalListener listener) {
            this.eventType = eventType;
            this.signal = signal;
            this.listener = listener;
        }

        void deliver(Object event, Instant at) {
            if (closed.get() || !eventType.isInstance(event)) {
                return;
            }
            try {
                listener.onSignal(new SignalEvent(signal, null, event, at));
            } catch (OutOfMemoryError | InternalError | UnknownError fatal) {
                throw fatal; // the JVM itself is failing: not a listener's failure to report
            } catch (Throwable e) {
                // Caught here so that the bus's SubscriberExceptionHandler never sees it, and the
                // other listeners and the application's own subscribers carry on. A run of
                // failures (Redis down under a cache, say) is one warning, not one per event; an
                // Error (AssertionError, NoClassDefFoundError, StackOverflowError) is a bug rather
                // than an outage, so each is logged at ERROR.
                if (e instanceof Error) {
                    LOG.error("A listener of signal {} threw an error on an event of type {}", signal,
                            event.getClass().getName(), e);
                } else if (!failing.getAndSet(true)) {
                    LOG.warn("A listener of signal {} failed on an event of type {}; further failures are logged at "
                            + "DEBUG until it succeeds again", signal, event.getClass().getName(), e);
                } else {
                    LOG.debug("A listener of signal {} failed again on an event of type {}", signal,
                            event.getClass().getName(), e);
                }
                return;
            }
            if (failing.getAndSet(false)) {
                LOG.info("A listener of signal {} succeeds again", signal);
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                detach(this);
            }
        }

        @Override
        public String toString() {
            return "Subscription[" + signal + (closed.get() ? ", closed]" : "]");
        }
    }
}

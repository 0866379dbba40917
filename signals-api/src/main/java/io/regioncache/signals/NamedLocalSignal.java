package io.regioncache.signals;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** The in-process signal behind {@link Signals#named(String)}. */
final class NamedLocalSignal implements LocalSignal {

    private static final System.Logger LOG = System.getLogger(NamedLocalSignal.class.getName());

    private final String name;
    // Copy-on-write: sends vastly outnumber (un)subscriptions, and a send must not see a listener
    // list that changes under it.
    private final CopyOnWriteArrayList<Entry> listeners = new CopyOnWriteArrayList<>();

    NamedLocalSignal(String localName) {
        this.name = "local:" + localName;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Subscription subscribe(SignalListener listener) {
        Objects.requireNonNull(listener, "listener");
        // An entry per subscription, so that subscribing one listener twice gives two
        // independent subscriptions and closing one removes exactly that one.
        Entry entry = new Entry(listener);
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    @Override
    public void send(Object payload) {
        send(null, payload);
    }

    @Override
    public void send(String key, Object payload) {
        SignalEvent event = new SignalEvent(name, key, payload, Instant.now());
        for (Entry entry : listeners) {
            entry.deliver(event);
        }
    }

    int listenerCount() {
        return listeners.size();
    }

    @Override
    public String toString() {
        return "LocalSignal[" + name + "]";
    }

    /**
     * One subscription. Its listener's failures are logged quietly through an outage: the first of
     * a run at WARNING with its stack trace, the rest at DEBUG until the listener succeeds again.
     * Its errors are logged at ERROR each time.
     */
    private final class Entry {

        private final SignalListener listener;
        private final AtomicBoolean failing = new AtomicBoolean();

        Entry(SignalListener listener) {
            this.listener = listener;
        }

        void deliver(SignalEvent event) {
            try {
                listener.onSignal(event);
            } catch (OutOfMemoryError | InternalError | UnknownError fatal) {
                throw fatal; // the JVM itself is failing: not a listener's failure to report
            } catch (Throwable e) {
                // An Error (AssertionError, NoClassDefFoundError, StackOverflowError) is a bug
                // rather than an outage: logged each time, and the other listeners still get the event.
                if (e instanceof Error) {
                    LOG.log(Level.ERROR, "Listener of signal " + name + " threw an error; delivering to the others", e);
                } else if (!failing.getAndSet(true)) {
                    LOG.log(Level.WARNING, "Listener of signal " + name + " failed; delivering to the others. Its "
                            + "further failures are logged at DEBUG until it succeeds again", e);
                } else {
                    LOG.log(Level.DEBUG, "Listener of signal " + name + " failed again", e);
                }
                return;
            }
            if (failing.getAndSet(false)) {
                LOG.log(Level.INFO, "Listener of signal " + name + " succeeds again");
            }
        }
    }
}

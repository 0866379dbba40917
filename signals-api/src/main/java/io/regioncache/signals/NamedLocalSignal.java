package io.regioncache.signals;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** The in-process signal behind {@link Signals#named(String)}. */
final class NamedLocalSignal implements LocalSignal {

    private static final System.Logger LOG = System.getLogger(NamedLocalSignal.class.getName());

    private final String name;
    // Copy-on-write: sends vastly outnumber (un)subscriptions, and a send must not see a listener
    // list that changes under it.
    private final CopyOnWriteArrayList<SignalListener> listeners = new CopyOnWriteArrayList<>();

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
        // A wrapper per subscription, so that subscribing one listener twice gives two
        // independent subscriptions and closing one removes exactly that one.
        SignalListener entry = listener::onSignal;
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
        for (SignalListener listener : listeners) {
            try {
                listener.onSignal(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Listener of signal " + name + " failed; delivering to the others", e);
            }
        }
    }

    int listenerCount() {
        return listeners.size();
    }

    @Override
    public String toString() {
        return "LocalSignal[" + name + "]";
    }
}

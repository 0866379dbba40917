package io.regioncache.signals;

/**
 * An in-process named signal, the equivalent of Python blinker's {@code signal('name')}. Obtain
 * one with {@link Signals#named(String)}: the same name always returns the same signal.
 *
 * <p>Sending is synchronous: when {@code send} returns, every listener subscribed before the call
 * has run. A listener that throws is logged (through {@link System.Logger}) and does not stop the
 * others; a run of failures of one subscription is logged once at WARNING, then at DEBUG until its
 * listener succeeds again.
 */
public interface LocalSignal extends Signal {

    /** Sends an event with no key. Equivalent to {@code send(null, payload)}. */
    void send(Object payload);

    /**
     * Sends an event to every current listener, on the calling thread.
     *
     * @param key     the event key, may be null
     * @param payload the event payload, may be null
     */
    void send(String key, Object payload);
}

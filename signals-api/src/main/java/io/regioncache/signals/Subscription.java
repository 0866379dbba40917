package io.regioncache.signals;

/**
 * The link between a listener and a signal. Closing it stops delivery; closing it again does
 * nothing.
 */
public interface Subscription extends AutoCloseable {

    /** Stops delivery to the listener. Idempotent; never throws a checked exception. */
    @Override
    void close();
}

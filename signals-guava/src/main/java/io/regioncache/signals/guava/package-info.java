/**
 * Signals on a Guava {@code EventBus}: {@link io.regioncache.signals.guava.GuavaSignals#on} binds
 * an event type on an application's bus, which it borrows and leaves behaving as before.
 */
package io.regioncache.signals.guava;

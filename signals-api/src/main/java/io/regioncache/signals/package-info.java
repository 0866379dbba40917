/**
 * The signal SPI: what a region can be bound to so that it is invalidated when something happens.
 *
 * <p>{@link io.regioncache.signals.Signal} is one source of events, {@link
 * io.regioncache.signals.SignalListener} receives them, {@link io.regioncache.signals.Subscription}
 * ends the link. Transports implement {@link io.regioncache.signals.SignalProvider} and are found
 * on the class path by {@link io.regioncache.signals.Signals#of(String)}. This package has no
 * third-party dependency; it logs through {@link java.lang.System.Logger}, which SLF4J users route
 * with {@code org.slf4j:slf4j-jdk-platform-logging}.
 */
package io.regioncache.signals;

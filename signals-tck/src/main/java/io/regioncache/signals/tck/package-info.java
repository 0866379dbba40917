/**
 * The signal adapter contract kit: {@link io.regioncache.signals.tck.SignalContract} is a JUnit 5
 * suite that each adapter's tests extend in one small class, so that local, Guava, Kafka and Redis
 * pub/sub signals are held to the same promises. Take this module in test scope.
 */
package io.regioncache.signals.tck;

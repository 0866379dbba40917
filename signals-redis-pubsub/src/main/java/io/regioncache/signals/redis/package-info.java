/**
 * Signals from Redis pub/sub channels and patterns.
 *
 * <p>Bind in code with {@link io.regioncache.signals.redis.RedisPubSubSignals}, which owns one
 * connection and closes it with {@code close()}, or by URI through
 * {@link io.regioncache.signals.Signals#of(String)}:
 * {@code redis[s]://[[user]:password@]host[:port][/db]?channel=NAME} or {@code ?pattern=GLOB}.
 *
 * <p>Redis pub/sub is at most once: a message published while the connection is down is lost.
 * After a reconnect every listener gets
 * {@link io.regioncache.signals.SignalListener#onPossibleLoss(String)}, so that a bound cache
 * region is purged rather than left possibly stale.
 */
package io.regioncache.signals.redis;

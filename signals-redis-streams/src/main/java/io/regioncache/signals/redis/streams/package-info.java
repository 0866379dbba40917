/**
 * Signals over Redis Streams, delivered at least once: consumer groups, entries acknowledged after
 * the listener, entries of dead consumers claimed by the live ones, and possible losses (a new
 * group, a Redis restart, entries trimmed before they were read) reported rather than passed over.
 *
 * <p>Bind in code with {@link io.regioncache.signals.redis.streams.RedisStreamSignals}, which owns
 * its connections and closes them with {@code close()}, or by URI through
 * {@link io.regioncache.signals.Signals#of(String)}:
 * {@code redis-stream://[[user]:password@]host[:port]/STREAM[?db=N]} ({@code rediss-stream://} for TLS).
 * Needs Redis 7.0 or later.
 */
package io.regioncache.signals.redis.streams;

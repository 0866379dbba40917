/**
 * Region-based caching on Redis with event-driven invalidation.
 *
 * <p>Start with {@link io.regioncache.RegionCache} ({@code connect}, {@code fromEnvironment},
 * {@code inMemory} or the builder), get {@link io.regioncache.Region}s from it, and bind them to
 * {@link io.regioncache.signals.Signal}s with {@code invalidateOn}. {@link
 * io.regioncache.Region#async()} gives each region's non-blocking view ({@link
 * io.regioncache.AsyncRegion}), which the blocking one is built on; {@link
 * io.regioncache.RegionCache#stats()} counts what the cache does. {@link
 * io.regioncache.RedisKeyLayout} names the keys a cache keeps in Redis, for tools that read or
 * operate them from outside. Only the types documented here are public API; every other class of this package is package-private and may change.
 */
package io.regioncache;

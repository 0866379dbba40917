/**
 * A JCache (JSR-107) provider on regions: {@link io.regioncache.jcache.RegionCachingProvider},
 * registered for {@link java.util.ServiceLoader}, so that {@code Caching.getCachingProvider()}
 * finds it. Cache names are region paths; caches live in Redis (or in memory) with per-entry
 * expiry, atomic conditional operations and entry processors, read-through and write-through,
 * entry listeners, statistics and management MXBeans.
 */
package io.regioncache.jcache;

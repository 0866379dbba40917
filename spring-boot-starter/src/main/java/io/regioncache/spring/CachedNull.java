package io.regioncache.spring;

/** What a region holds for a method result of null, so that a cached null is not a miss. */
enum CachedNull {
    INSTANCE
}

/**
 * Internal to the Redis signal adapters ({@code signals-redis-pubsub} and
 * {@code signals-redis-streams}): what both need and neither may take from the other, since an
 * adapter never depends on another adapter. Not an API: applications must not use it, and it may
 * change in any release without notice.
 */
package io.regioncache.signals.redis.internal;

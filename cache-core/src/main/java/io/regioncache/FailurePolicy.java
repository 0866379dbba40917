package io.regioncache;

/**
 * What a region does when its store cannot be reached.
 *
 * <p>Whatever the policy, {@link Region#invalidate()} never pretends: if it cannot be applied it
 * throws {@link CacheUnavailableException}, and an invalidation triggered by a signal is retried
 * with backoff until it lands.
 *
 * <p>A Redis that answers but refuses the cache's settings (a wrong password, an unknown user, a
 * database out of range, TLS against a plain server) is not unreachable: that is a {@link
 * RegionCacheException} under both policies, at {@code build()}, never a miss.
 */
public enum FailurePolicy {

    /**
     * A read that cannot reach the store is a miss ({@link Region#getOrCompute} runs its loader),
     * and a write is dropped. The first failure of an outage is logged at WARN, the following ones
     * at DEBUG, and the recovery at INFO with the number of degraded operations.
     */
    DEGRADE,

    /** Reads and writes that cannot reach the store throw {@link CacheUnavailableException}. */
    RAISE
}

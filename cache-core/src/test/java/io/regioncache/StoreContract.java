package io.regioncache;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every store contract: each test gets a fresh store and a first cache on it; {@link
 * #anotherProcess()} opens more caches on the same store. Subclasses run it on each store.
 */
abstract class StoreContract {

    private CacheFactory caches;
    RegionCache cache;

    abstract CacheFactory newFactory();

    @BeforeEach
    void openStore() {
        caches = newFactory();
        cache = caches.open();
    }

    @AfterEach
    void closeStore() {
        caches.close();
    }

    /** Another cache on the same store, as another process would open. */
    RegionCache anotherProcess() {
        return caches.open();
    }

    String keyPrefix() {
        return caches.keyPrefix();
    }

    /** The id of the shared store, or empty for a store only this process sees. */
    java.util.Optional<String> sharedStore() {
        return caches.sharedStore();
    }

    /** Lets {@code time} pass for the store's expiry: a sleep on Redis, a clock step in memory. */
    void passTime(java.time.Duration time) throws InterruptedException {
        caches.passTime(time);
    }

    RegionCache anotherProcess(FailurePolicy policy) {
        return caches.open(policy);
    }
}

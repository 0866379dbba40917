package io.regioncache;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens caches over one shared store, as separate processes sharing a Redis would, and closes
 * them (and cleans the store) at the end of a test.
 */
abstract class CacheFactory implements AutoCloseable {

    private final List<RegionCache> opened = new ArrayList<>();

    final RegionCache open() {
        return open(FailurePolicy.DEGRADE);
    }

    final synchronized RegionCache open(FailurePolicy policy) {
        RegionCache cache = create(policy);
        opened.add(cache);
        return cache;
    }

    protected abstract RegionCache create(FailurePolicy policy);

    /** The key prefix of the caches this factory opens. */
    protected String keyPrefix() {
        return "";
    }

    /** The id of a store other processes share (kept in Redis), empty for an in-memory one. */
    protected java.util.Optional<String> sharedStore() {
        return java.util.Optional.empty();
    }

    /** The same factory, but its caches hand out regions that run through {@link Region#async()}. */
    final CacheFactory throughAsync() {
        CacheFactory blocking = this;
        return new CacheFactory() {
            @Override
            protected RegionCache create(FailurePolicy policy) {
                return ThroughAsync.drive(blocking.create(policy));
            }

            @Override
            protected String keyPrefix() {
                return blocking.keyPrefix();
            }

            @Override
            protected java.util.Optional<String> sharedStore() {
                return blocking.sharedStore();
            }

            @Override
            void passTime(java.time.Duration time) throws InterruptedException {
                blocking.passTime(time);
            }

            @Override
            protected void cleanUp() {
                blocking.cleanUp();
            }
        };
    }

    /**
     * Lets {@code time} pass for the store's expiry. Redis keeps its own clock, so this sleeps
     * (time itself is under test); the in-memory store's clock is moved on instead.
     */
    void passTime(java.time.Duration time) throws InterruptedException {
        Thread.sleep(time.toMillis());
    }

    /** Called after every cache is closed. */
    protected void cleanUp() {
    }

    @Override
    public final synchronized void close() {
        opened.forEach(RegionCache::close);
        cleanUp();
    }

    /**
     * Caches over one {@link InMemoryRegionStore}, as processes share a Redis: closing one cache
     * leaves the store to the others; the factory closes it at the end.
     */
    static CacheFactory inMemory() {
        // The real clock plus whatever passTime added: awaiting tests still see time go by.
        java.util.concurrent.atomic.AtomicLong skipped = new java.util.concurrent.atomic.AtomicLong();
        InMemoryRegionStore store = new InMemoryRegionStore(() -> System.nanoTime() + skipped.get());
        RegionStore unclosable = (RegionStore) Proxy.newProxyInstance(RegionStore.class.getClassLoader(),
                new Class<?>[] {RegionStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new CacheFactory() {
            @Override
            protected RegionCache create(FailurePolicy policy) {
                return new RegionCache(unclosable, "root", "", RegionOptions.defaults(), policy);
            }

            @Override
            void passTime(java.time.Duration time) {
                skipped.addAndGet(time.toNanos());
            }

            @Override
            protected void cleanUp() {
                store.close();
            }
        };
    }

    /** Caches on the test Redis, under a key prefix of their own. */
    static CacheFactory redis(Class<?> testClass) {
        String prefix = io.regioncache.testsupport.TestRedis.uniquePrefix(testClass);
        return new CacheFactory() {
            @Override
            protected RegionCache create(FailurePolicy policy) {
                return RegionCache.builder().redisUrl(io.regioncache.testsupport.TestRedis.url()).keyPrefix(prefix)
                        .failurePolicy(policy).build();
            }

            @Override
            protected String keyPrefix() {
                return prefix;
            }

            @Override
            protected java.util.Optional<String> sharedStore() {
                return java.util.Optional.of(io.regioncache.testsupport.TestRedis.withCommands(
                        redis -> redis.get(prefix + RedisRegionStore.STORE_ID)));
            }

            @Override
            protected void cleanUp() {
                io.regioncache.testsupport.TestRedis.deleteKeys(prefix);
            }
        };
    }

    /**
     * Caches on a Redis the test class started for itself (a cluster, a master with a replica, a
     * Sentinel), each factory under a key prefix of its own; the servers go when the class ends,
     * so nothing is deleted here.
     */
    static CacheFactory privateRedis(String url, Class<?> testClass) {
        String prefix = io.regioncache.testsupport.TestRedis.uniquePrefix(testClass);
        return new CacheFactory() {
            @Override
            protected RegionCache create(FailurePolicy policy) {
                return RegionCache.builder().redisUrl(url).keyPrefix(prefix).failurePolicy(policy).build();
            }

            @Override
            protected String keyPrefix() {
                return prefix;
            }

            @Override
            protected java.util.Optional<String> sharedStore() {
                try (RegionCache probe = create(FailurePolicy.RAISE)) {
                    return probe.context().store().sharedIdentity();
                }
            }
        };
    }
}

package io.regioncache.signals.redis;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names every thread of one {@link RedisPubSubSignals} (Lettuce's and the listeners') with a prefix
 * of its own, so that a thread dump shows whose they are and close() can tell a call from one of
 * its own listeners.
 */
final class OwnedThreads {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String prefix;

    private OwnedThreads(String prefix) {
        this.prefix = prefix;
    }

    static OwnedThreads next() {
        return new OwnedThreads("region-cache-redis-pubsub-" + INSTANCES.incrementAndGet() + "-");
    }

    /** Daemon threads for the pool of that name, as Lettuce's own thread factories make them. */
    ThreadFactory factory(String poolName) {
        return new DefaultThreadFactory(prefix + poolName, true);
    }

    boolean ownsCurrentThread() {
        return Thread.currentThread().getName().startsWith(prefix);
    }
}

package io.regioncache.signals.redis.streams;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names every thread of one {@link RedisStreamSignals} (Lettuce's, when it owns its resources, and
 * its readers') with a prefix of its own, so that a thread dump shows whose they are.
 */
final class OwnedThreads {

    /** What every thread name of this module starts with. */
    static final String PREFIX = "region-cache-redis-stream-";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String prefix;
    private final AtomicInteger readers = new AtomicInteger();

    private OwnedThreads(String prefix) {
        this.prefix = prefix;
    }

    static OwnedThreads next() {
        return new OwnedThreads(PREFIX + INSTANCES.incrementAndGet() + "-");
    }

    /** Daemon threads for the pool of that name, as Lettuce's own thread factories make them. */
    ThreadFactory factory(String poolName) {
        return new DefaultThreadFactory(prefix + poolName, true);
    }

    /** A daemon thread that reads one subscription's stream; a forgotten subscription must not keep the JVM alive. */
    Thread reader(String streamKey, Runnable loop) {
        Thread thread = new Thread(loop, prefix + "reader-" + readers.incrementAndGet() + "-" + streamKey);
        thread.setDaemon(true);
        return thread;
    }
}

package io.regioncache;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lettuce resources (event loops, timers) that the caches of one JVM share when the
 * application lends none: Lettuce asks for one set per application, not one per client. Counted
 * by user: made by the first cache that needs them, shut down when the last one closes, so no
 * thread of theirs outlives the last {@code close()}.
 */
final class SharedClientResources {

    private static final Logger LOG = LoggerFactory.getLogger(SharedClientResources.class);
    /** Netty is given 2 s to finish its tasks; past this, a task is not going to finish. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private static ClientResources shared;
    private static int users;

    private SharedClientResources() {
    }

    /** The shared resources, made now if no cache holds them; pair with {@link #release()}. */
    static synchronized ClientResources acquire() {
        if (users++ == 0) {
            // Reconnect attempts back off to at most 1 s (Lettuce's default is 30 s): a cache
            // should come back soon after Redis does.
            shared = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                    .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                    .build();
        }
        return shared;
    }

    /**
     * Gives back what {@link #acquire()} returned; the last user's release shuts them down and
     * waits for their threads to stop. The wait is bounded and taken outside the lock: an event
     * loop stuck in someone's callback must not hang {@code close()} forever, nor keep another
     * cache from starting meanwhile.
     */
    static void release() {
        ClientResources closing;
        synchronized (SharedClientResources.class) {
            if (users == 0) {
                throw new IllegalStateException("SharedClientResources released more often than acquired");
            }
            if (--users != 0) {
                return;
            }
            closing = shared;
            shared = null;
        }
        if (!closing.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(SHUTDOWN_WAIT.toMillis())) {
            LOG.warn("Lettuce's shared event loops did not stop within {}; a thread is stuck in a task. Threads still running: {}",
                    SHUTDOWN_WAIT, lettuceThreads());
        }
    }

    private static String lettuceThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("lettuce-")).sorted().toList().toString();
    }
}

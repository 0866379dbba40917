package io.regioncache.signals.redis;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads listeners run on, off Lettuce's event loop. A few threads let one slow listener
 * delay only its own events; idle threads end after a while, so a quiet instance holds none.
 */
final class ListenerExecutor implements Executor {

    static final int THREADS = 4;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ListenerExecutor.class);

    private final OwnedThreads threads;
    private final ThreadPoolExecutor pool;

    ListenerExecutor(OwnedThreads threads) {
        this.threads = threads;
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threads.factory("listener"));
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /**
     * Stops taking work and waits up to {@code timeout} for running listeners, then interrupts
     * them. A listener that closes its own RedisPubSubSignals is not waited for: it would wait on
     * itself.
     */
    void shutDown(Duration timeout) {
        pool.shutdown();
        if (threads.ownsCurrentThread()) {
            return;
        }
        try {
            if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Listeners still running {} after close; interrupting them", timeout);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

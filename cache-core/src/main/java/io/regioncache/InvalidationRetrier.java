package io.regioncache;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies signal-driven invalidations, retrying those that fail because the store is unreachable
 * with exponential backoff (50 ms doubling to 5 s) until they land or the cache is closed. The
 * first attempt runs on the caller's (the transport's) thread, so a local signal has purged its
 * region when {@code send} returns; retries run on one daemon thread, started on first need.
 */
final class InvalidationRetrier implements AutoCloseable {

    static final String THREAD_NAME = "region-cache-invalidation-retry";
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationRetrier.class);
    private static final Duration FIRST_DELAY = Duration.ofMillis(50);
    private static final Duration MAX_DELAY = Duration.ofSeconds(5);

    private final ScheduledThreadPoolExecutor executor;

    InvalidationRetrier() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Never throws: failures are logged, and retried when they may succeed later. */
    void applyUntilLanded(String what, Runnable invalidation) {
        attempt(what, invalidation, 1, FIRST_DELAY);
    }

    private void attempt(String what, Runnable invalidation, int attempt, Duration delay) {
        try {
            invalidation.run();
            if (attempt > 1) {
                LOG.info("Invalidation of {} landed at attempt {}", what, attempt);
            }
        } catch (CacheUnavailableException e) {
            LOG.warn("Invalidation of {} failed (attempt {}): {}; retrying in {} ms", what, attempt, e.getMessage(),
                    delay.toMillis());
            Duration next = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            try {
                executor.schedule(() -> attempt(what, invalidation, attempt + 1, next), delay.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                LOG.warn("Invalidation of {} abandoned: the cache is closed", what);
            }
        } catch (RuntimeException e) {
            if (executor.isShutdown()) {
                LOG.warn("Invalidation of {} abandoned: the cache is closed", what);
                return;
            }
            // Not an outage but a bug: retrying cannot help.
            LOG.error("Invalidation of {} failed and will not be retried", what, e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The invalidation retry thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

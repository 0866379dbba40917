package io.regioncache;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Set<Retry> pending = ConcurrentHashMap.newKeySet();

    InvalidationRetrier() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Runs the first attempt on the caller's thread. If the store is unavailable, schedules the
     * retries and then rethrows, so that an at-least-once transport redelivers the event rather
     * than acknowledging it before the purge landed. Any other failure is logged, not thrown.
     *
     * @throws CacheUnavailableException if the first attempt could not reach the store (a retry
     *                                   is already scheduled)
     */
    void applyUntilLanded(String what, Runnable invalidation) {
        CacheUnavailableException failure = attempt(new Retry(what, invalidation), 1, FIRST_DELAY);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * One invalidation, pending while it is retried. Identity, not value, tells retries apart:
     * two identical events give two retries, each reported on its own.
     */
    private static final class Retry {
        private final String what;
        private final Runnable invalidation;

        Retry(String what, Runnable invalidation) {
            this.what = what;
            this.invalidation = invalidation;
        }

        String what() {
            return what;
        }

        Runnable invalidation() {
            return invalidation;
        }
    }

    /** Returns the outage that made this attempt fail (a retry is then scheduled), or null. */
    private CacheUnavailableException attempt(Retry retry, int attempt, Duration delay) {
        try {
            retry.invalidation().run();
            if (pending.remove(retry)) {
                LOG.info("Invalidation of {} landed at attempt {}", retry.what(), attempt);
            }
        } catch (CacheUnavailableException e) {
            LOG.warn("Invalidation of {} failed (attempt {}): {}; retrying in {} ms", retry.what(), attempt, e.getMessage(),
                    delay.toMillis());
            Duration next = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            pending.add(retry);
            try {
                executor.schedule(() -> attempt(retry, attempt + 1, next), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                abandon(retry);
            }
            return e;
        } catch (RuntimeException e) {
            if (executor.isShutdown()) {
                abandon(retry);
                return null;
            }
            pending.remove(retry);
            // Not an outage but a bug: retrying cannot help.
            LOG.error("Invalidation of {} failed and will not be retried", retry.what(), e);
        }
        return null;
    }

    private void abandon(Retry retry) {
        if (pending.remove(retry)) {
            LOG.warn("Invalidation of {} abandoned: the cache was closed before it could land", retry.what());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        List.copyOf(pending).forEach(this::abandon);
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The invalidation retry thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

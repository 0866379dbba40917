package io.regioncache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Retries are coalesced: at most one is pending per region and invalidation, and a pending
 * whole-region purge makes the key and sub-region retries of that region redundant, so an outage
 * during a burst of events ends in one purge, not one per event. Each pending retry logs its first
 * failure at WARN, later attempts and coalesced failures at DEBUG, and its landing at INFO.
 */
final class InvalidationRetrier implements AutoCloseable {

    static final String THREAD_NAME = "region-cache-invalidation-retry";
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationRetrier.class);
    private static final Duration FIRST_DELAY = Duration.ofMillis(50);
    private static final Duration MAX_DELAY = Duration.ofSeconds(5);

    private final ScheduledThreadPoolExecutor executor;
    private final Map<Target, Retry> pending = new ConcurrentHashMap<>();

    InvalidationRetrier() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** What a retry invalidates: retries of equal targets are one retry. */
    record Target(String region, Invalidation invalidation) {
        boolean isWholeRegion() {
            return invalidation instanceof Invalidation.WholeRegion;
        }

        Target wholeRegion() {
            return new Target(region, Invalidation.region());
        }
    }

    /**
     * Runs the first attempt on the caller's thread. If the store is unavailable, makes sure a
     * retry of {@code target} is pending and then rethrows, so that an at-least-once transport
     * redelivers the event rather than acknowledging it before the purge landed. Any other
     * failure is logged, not thrown.
     *
     * @throws CacheUnavailableException if the first attempt could not reach the store (a retry
     *                                   is pending)
     */
    void applyUntilLanded(Target target, String what, Runnable invalidation) {
        try {
            invalidation.run();
        } catch (CacheUnavailableException e) {
            schedule(target, new Retry(what, invalidation), e);
            throw e;
        } catch (RuntimeException e) {
            if (executor.isShutdown()) {
                LOG.debug("Invalidation of {} dropped: the cache is closed", what);
                return;
            }
            // Not an outage but a bug: retrying cannot help.
            LOG.error("Invalidation of {} failed and will not be retried", what, e);
        }
    }

    /** Number of retries pending now. */
    int pendingCount() {
        return pending.size();
    }

    private void schedule(Target target, Retry retry, CacheUnavailableException failure) {
        if (!target.isWholeRegion() && pending.containsKey(target.wholeRegion())) {
            LOG.debug("Invalidation of {} failed: {}; a pending purge of its region covers it", retry.what(), failure.getMessage());
            return;
        }
        Retry earlier = pending.putIfAbsent(target, retry);
        if (earlier != null) {
            LOG.debug("Invalidation of {} failed: {}; coalesced with the pending retry", retry.what(), failure.getMessage());
            return;
        }
        if (target.isWholeRegion()) {
            pending.keySet().removeIf(other -> other.region().equals(target.region()) && !other.isWholeRegion());
        }
        LOG.warn("Invalidation of {} failed: {}; retrying in the background until it lands", retry.what(),
                failure.getMessage());
        scheduleAttempt(target, retry, 2, FIRST_DELAY);
    }

    private void scheduleAttempt(Target target, Retry retry, int attempt, Duration delay) {
        try {
            executor.schedule(() -> attempt(target, retry, attempt, delay), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            abandon(target, retry);
        }
    }

    /** One retry; identity, not value, tells a pending retry from a later one of the same target. */
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

    private void attempt(Target target, Retry retry, int attempt, Duration delay) {
        if (pending.get(target) != retry) {
            return; // made redundant by a pending purge of its whole region
        }
        try {
            retry.invalidation().run();
            if (pending.remove(target, retry)) {
                LOG.info("Invalidation of {} landed at attempt {}", retry.what(), attempt);
            }
        } catch (CacheUnavailableException e) {
            Duration next = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            LOG.debug("Invalidation of {} failed (attempt {}): {}; retrying in {} ms", retry.what(), attempt, e.getMessage(),
                    next.toMillis());
            scheduleAttempt(target, retry, attempt + 1, next);
        } catch (RuntimeException e) {
            if (executor.isShutdown()) {
                abandon(target, retry);
                return;
            }
            pending.remove(target, retry);
            // Not an outage but a bug: retrying cannot help.
            LOG.error("Invalidation of {} failed and will not be retried", retry.what(), e);
        }
    }

    private void abandon(Target target, Retry retry) {
        if (pending.remove(target, retry)) {
            LOG.warn("Invalidation of {} abandoned: the cache was closed before it could land", retry.what());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        List.copyOf(pending.entrySet()).forEach(entry -> abandon(entry.getKey(), entry.getValue()));
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The invalidation retry thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

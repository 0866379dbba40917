package io.regioncache;

import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries signal-driven invalidations that failed because the store was unreachable, with
 * Lettuce's exponential {@link Delay} (50 ms growing to 5 s), until they land or the cache is
 * closed. Each retry's future completes when it lands, or exceptionally if the cache closes first,
 * so a transport that acknowledges events waits on it instead of redelivering: one retry loop.
 * Attempts are started from one daemon thread (started on first need) and never block it: each is
 * a store future whose callback schedules the next.
 *
 * <p>Retries are coalesced: at most one is pending per region and invalidation, and a pending
 * whole-region purge makes the key and sub-region retries of that region redundant (their futures
 * complete when it lands), so an outage during a burst of events ends in one purge, not one per
 * event. Attempts log at DEBUG, a landing at INFO; the bindings log the first failure of an outage.
 */
final class InvalidationRetrier implements AutoCloseable {

    static final String THREAD_NAME = "region-cache-invalidation-retry";
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationRetrier.class);
    private static final Delay BACKOFF = Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS);

    private final ScheduledThreadPoolExecutor executor;
    /** Guarded by {@code this}, as is {@code closed}. */
    private final Map<Target, Retry> pending = new HashMap<>();
    private boolean closed;

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

    /** One pending retry, told apart from a later one of the same target by identity. */
    private static final class Retry {
        final String what;
        final Supplier<CompletableFuture<Void>> invalidation;
        final CompletableFuture<Void> landed = new CompletableFuture<>();

        Retry(String what, Supplier<CompletableFuture<Void>> invalidation) {
            this.what = what;
            this.invalidation = invalidation;
        }
    }

    /**
     * Makes sure a retry of {@code target} is pending (joining the one already pending, or the
     * pending purge of its whole region).
     *
     * @return a future that completes when the invalidation (or one covering it) has landed, or
     *         exceptionally with {@link IllegalStateException} if the cache closes first
     */
    synchronized CompletableFuture<Void> retry(Target target, String what, Supplier<CompletableFuture<Void>> invalidation) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("The RegionCache is closed"));
        }
        Retry covering = target.isWholeRegion() ? null : pending.get(target.wholeRegion());
        if (covering == null) {
            covering = pending.get(target);
        }
        if (covering != null) {
            LOG.debug("Invalidation of {} joins the pending retry of {}", what, covering.what);
            return covering.landed.copy();
        }
        Retry retry = new Retry(what, invalidation);
        if (target.isWholeRegion()) {
            List<Target> covered = new ArrayList<>();
            pending.forEach((other, otherRetry) -> {
                if (other.region().equals(target.region())) {
                    covered.add(other);
                    retry.landed.whenComplete((done, failure) -> complete(otherRetry, failure));
                }
            });
            covered.forEach(pending::remove);
        }
        pending.put(target, retry);
        scheduleAttempt(target, retry, 1);
        return retry.landed.copy();
    }

    /** Number of retries pending now. */
    synchronized int pendingCount() {
        return pending.size();
    }

    private void scheduleAttempt(Target target, Retry retry, int attempt) {
        Duration delay = BACKOFF.createDelay(attempt);
        try {
            executor.schedule(() -> attempt(target, retry, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            abandon(target, retry);
        }
    }

    private void attempt(Target target, Retry retry, int attempt) {
        synchronized (this) {
            if (pending.get(target) != retry) {
                return; // covered by a purge of its whole region, or abandoned
            }
        }
        CompletableFuture<Void> run;
        try {
            run = retry.invalidation.get();
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        run.whenComplete((done, failure) -> {
            Throwable cause = failure == null ? null : FailureGuard.unwrap(failure);
            if (cause instanceof CacheUnavailableException) {
                LOG.debug("Invalidation of {} failed (attempt {}): {}", retry.what, attempt, cause.getMessage());
                scheduleAttempt(target, retry, attempt + 1);
            } else if (cause instanceof IllegalStateException) {
                abandon(target, retry); // the cache is closing
            } else if (finish(target, retry)) {
                if (cause == null) {
                    LOG.info("Invalidation of {} landed at retry {}", retry.what, attempt);
                } else {
                    // Not an outage but a bug: retrying cannot help, and neither can redelivery.
                    LOG.error("Invalidation of {} failed and will not be retried", retry.what, cause);
                }
                complete(retry, null);
            }
        });
    }

    private synchronized boolean finish(Target target, Retry retry) {
        return pending.remove(target, retry);
    }

    private void abandon(Target target, Retry retry) {
        if (finish(target, retry)) {
            abandoned(retry);
        }
    }

    private static void abandoned(Retry retry) {
        LOG.warn("Invalidation of {} abandoned: the cache was closed before it could land", retry.what);
        complete(retry, new IllegalStateException("The RegionCache was closed before the invalidation of "
                + retry.what + " could land"));
    }

    private static void complete(Retry retry, Throwable failure) {
        if (failure == null) {
            retry.landed.complete(null);
        } else {
            retry.landed.completeExceptionally(failure);
        }
    }

    /** Stops the retry thread and fails every pending retry's future. Idempotent. */
    @Override
    public void close() {
        List<Retry> abandoned;
        synchronized (this) {
            closed = true;
            abandoned = List.copyOf(pending.values());
            pending.clear();
        }
        executor.shutdownNow();
        abandoned.forEach(InvalidationRetrier::abandoned);
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The invalidation retry thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

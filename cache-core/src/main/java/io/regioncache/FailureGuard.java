package io.regioncache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a cache's {@link FailurePolicy} to store operations, on their futures. Under DEGRADE it
 * logs the first failure of an outage at WARN and the following ones at DEBUG (a busy application
 * would otherwise flood its log), then the recovery at INFO with how many operations were
 * degraded. Nothing here blocks: the policy runs in the callback of the store's future.
 */
final class FailureGuard {

    private static final Logger LOG = LoggerFactory.getLogger(FailureGuard.class);

    private final FailurePolicy policy;
    private final CacheCounters counters;
    private final AtomicBoolean inOutage = new AtomicBoolean();
    private final AtomicLong degradedInOutage = new AtomicLong();

    FailureGuard(FailurePolicy policy, CacheCounters counters) {
        this.policy = policy;
        this.counters = counters;
    }

    FailurePolicy policy() {
        return policy;
    }

    /**
     * Runs a read; under DEGRADE an unreachable store yields {@code fallback}, under RAISE the
     * future fails with its {@link CacheUnavailableException}.
     *
     * @throws IllegalStateException if the cache is closed (at once, from {@code operation})
     */
    <T> CompletableFuture<T> read(String what, Supplier<? extends CompletionStage<T>> operation, T fallback) {
        CompletableFuture<T> started;
        try {
            started = operation.get().toCompletableFuture();
        } catch (CacheUnavailableException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.handle((result, failure) -> {
            if (failure == null) {
                succeeded();
                return result;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof CacheUnavailableException && policy == FailurePolicy.DEGRADE) {
                degrade(what, (CacheUnavailableException) cause);
                return fallback;
            }
            throw failure instanceof CompletionException ? (CompletionException) failure : new CompletionException(cause);
        });
    }

    /** Runs a write; under DEGRADE an unreachable store drops it. */
    CompletableFuture<Void> write(String what, Supplier<? extends CompletionStage<?>> operation) {
        return read(what, () -> operation.get().thenApply(done -> null), null);
    }

    /** The exception a future failed with, without the wrapper that dependent stages add. */
    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private void degrade(String what, CacheUnavailableException e) {
        counters.degraded();
        degradedInOutage.incrementAndGet();
        if (inOutage.compareAndSet(false, true)) {
            LOG.warn("Cache store unavailable ({}): {}; reads are misses and writes are dropped until it is back",
                    what, e.getMessage());
        } else {
            LOG.debug("Cache store still unavailable ({}): {}", what, e.getMessage());
        }
    }

    private void succeeded() {
        if (inOutage.get() && inOutage.compareAndSet(true, false)) {
            LOG.info("Cache store reachable again; {} operations were degraded during the outage",
                    degradedInOutage.getAndSet(0));
        }
    }
}

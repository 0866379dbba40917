package io.regioncache;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a cache's {@link FailurePolicy} to store operations. Under DEGRADE it logs the first
 * failure of an outage at WARN and the following ones at DEBUG (a busy application would
 * otherwise flood its log), then the recovery at INFO with how many operations were degraded.
 */
final class FailureGuard {

    private static final Logger LOG = LoggerFactory.getLogger(FailureGuard.class);

    private final FailurePolicy policy;
    private final AtomicBoolean inOutage = new AtomicBoolean();
    private final AtomicLong degraded = new AtomicLong();

    FailureGuard(FailurePolicy policy) {
        this.policy = policy;
    }

    FailurePolicy policy() {
        return policy;
    }

    /** Runs a read; under DEGRADE an unreachable store yields {@code fallback}. */
    <T> T read(String what, Supplier<T> operation, T fallback) {
        try {
            T result = operation.get();
            succeeded();
            return result;
        } catch (CacheUnavailableException e) {
            degradeOrThrow(what, e);
            return fallback;
        }
    }

    /** Runs a write; under DEGRADE an unreachable store drops it. */
    void write(String what, Runnable operation) {
        read(what, () -> {
            operation.run();
            return null;
        }, null);
    }

    private void degradeOrThrow(String what, CacheUnavailableException e) {
        if (policy == FailurePolicy.RAISE) {
            throw e;
        }
        degraded.incrementAndGet();
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
                    degraded.getAndSet(0));
        }
    }
}

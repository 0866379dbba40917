package io.regioncache;

import io.netty.util.concurrent.FastThreadLocalThread;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to one signal for one region. A rule that fails becomes a whole-region invalidation
 * (purging too much is safe, too little is not) and is never thrown.
 *
 * <p>{@link #onSignalAsync} (transports that acknowledge events) never blocks: its stage completes
 * when the purge has landed, after as many retries as an outage takes, and exceptionally only if
 * the cache closes first. {@link #onSignal} (in-process transports) waits for the first attempt, so
 * a local signal has purged its region when {@code send} returns; if the store is down, it leaves
 * the purge to the retrier and returns normally. On a Netty event-loop thread it does not wait at
 * all, since waiting there would stall every connection of that loop.
 *
 * <p>The first failure of an outage is logged at WARN, once per binding, later ones at DEBUG, and
 * the first purge that lands again at INFO.
 */
final class SignalBinding implements SignalListener {

    private static final Logger LOG = LoggerFactory.getLogger(SignalBinding.class);

    private final CacheRegion<?> region;
    private final String signalName;
    private final String transport;
    private final Function<SignalEvent, Invalidation> rule;
    private final CacheContext context;
    private final AtomicBoolean inOutage = new AtomicBoolean();

    SignalBinding(CacheRegion<?> region, String signalName, Function<SignalEvent, Invalidation> rule, CacheContext context) {
        this.region = region;
        this.signalName = signalName;
        this.transport = transportOf(signalName);
        this.rule = rule;
        this.context = context;
    }

    @Override
    public void onSignal(SignalEvent event) {
        await(purge(invalidationFor(event), event.timestamp()));
    }

    @Override
    public CompletionStage<Void> onSignalAsync(SignalEvent event) {
        return purge(invalidationFor(event), event.timestamp()).landed();
    }

    @Override
    public void onPossibleLoss(String signal) {
        LOG.info("Signal {} may have lost events; invalidating region {}", signal, region.name());
        await(purge(Invalidation.region(), null));
    }

    @Override
    public CompletionStage<Void> onPossibleLossAsync(String signal) {
        LOG.info("Signal {} may have lost events; invalidating region {}", signal, region.name());
        return purge(Invalidation.region(), null).landed();
    }

    /**
     * The scheme of a signal's name ({@code "kafka"} for {@code "kafka:orders"}): a tag with few
     * values, unlike the name itself.
     */
    static String transportOf(String signalName) {
        int colon = signalName.indexOf(':');
        String scheme = colon > 0 ? signalName.substring(0, colon) : "";
        return scheme.matches("[a-z][a-z0-9+.-]{0,19}") ? scheme : "other";
    }

    private Invalidation invalidationFor(SignalEvent event) {
        try {
            Invalidation invalidation = rule.apply(event);
            if (invalidation == null) {
                throw new NullPointerException("the rule returned null");
            }
            return invalidation;
        } catch (RuntimeException e) {
            LOG.warn("The invalidation rule of region {} for signal {} failed on key {}; invalidating the whole region",
                    region.name(), signalName, event.key(), e);
            return Invalidation.region();
        } catch (OutOfMemoryError | InternalError | UnknownError fatal) {
            throw fatal; // the JVM itself is failing: not the rule's failure to report
        } catch (Error e) {
            // AssertionError, NoClassDefFoundError, StackOverflowError: a bug in the rule, handled like
            // its exceptions (the event must still purge something), but at ERROR as it is no outage.
            LOG.error("The invalidation rule of region {} for signal {} threw an error on key {}; invalidating the "
                    + "whole region", region.name(), signalName, event.key(), e);
            return Invalidation.region();
        }
    }

    /**
     * @param firstAttempt completes when the first attempt has ended, whatever its outcome
     * @param landed       completes when the purge has landed (after retries if needed), or
     *                     exceptionally if the cache closed first
     */
    private record Purge(CompletableFuture<Void> firstAttempt, CompletableFuture<Void> landed) {
    }

    private Purge purge(Invalidation invalidation, Instant eventTime) {
        if (invalidation instanceof Invalidation.None) {
            CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
            return new Purge(done, done);
        }
        String what = invalidation + " of region " + region.name() + " on signal " + signalName;
        CompletableFuture<Void> first;
        try {
            first = region.apply(invalidation);
        } catch (IllegalStateException closed) {
            LOG.debug("Invalidation of {} dropped: the cache is closed", what);
            return new Purge(CompletableFuture.completedFuture(null), CompletableFuture.failedFuture(closed));
        }
        // The follow-up (a retry when the store is down) is settled inside the first attempt's
        // callback, so that a caller waiting for the first attempt finds its retry pending.
        CompletableFuture<CompletableFuture<Void>> settled = first.handle((done, failure) -> followUp(what, invalidation, failure));
        CompletableFuture<Void> landed = settled.thenCompose(Function.identity()).thenRun(() -> landed(eventTime));
        return new Purge(settled.thenApply(followUp -> null), landed);
    }

    private CompletableFuture<Void> followUp(String what, Invalidation invalidation, Throwable failure) {
        Throwable cause = failure == null ? null : FailureGuard.unwrap(failure);
        if (cause == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (cause instanceof CacheUnavailableException) {
            outage(what, (CacheUnavailableException) cause);
            return context.retrier().retry(new InvalidationRetrier.Target(region.name(), invalidation), what,
                    () -> region.apply(invalidation));
        }
        if (cause instanceof IllegalStateException) {
            LOG.debug("Invalidation of {} dropped: the cache is closed", what);
            return CompletableFuture.failedFuture(cause);
        }
        // Not an outage but a bug: retrying cannot help, and neither can redelivery.
        LOG.error("Invalidation of {} failed and will not be retried", what, cause);
        return CompletableFuture.completedFuture(null);
    }

    /** Waits for the first attempt (not for retries) unless this is an event-loop thread. */
    private static void await(Purge purge) {
        if (!(Thread.currentThread() instanceof FastThreadLocalThread)) {
            purge.firstAttempt().join();
        }
    }

    private void outage(String what, CacheUnavailableException failure) {
        if (inOutage.compareAndSet(false, true)) {
            LOG.warn("Invalidation of {} failed: {}; retrying in the background until it lands", what, failure.getMessage());
        } else {
            LOG.debug("Invalidation of {} failed: {}; retrying in the background until it lands", what, failure.getMessage());
        }
    }

    private void landed(Instant eventTime) {
        if (inOutage.get() && inOutage.compareAndSet(true, false)) {
            LOG.info("Invalidations of region {} on signal {} land again", region.name(), signalName);
        }
        if (eventTime != null) {
            Duration lag = Duration.between(eventTime, Instant.now());
            context.signalPurged(transport, lag.isNegative() ? Duration.ZERO : lag);
        }
    }

    @Override
    public String toString() {
        return "SignalBinding[" + region.name() + " <- " + signalName + "]";
    }
}

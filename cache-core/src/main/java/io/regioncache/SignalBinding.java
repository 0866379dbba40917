package io.regioncache;

import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to one signal for one region. A rule that fails becomes a whole-region invalidation
 * (purging too much is safe, too little is not) and is never thrown. An invalidation that cannot
 * reach the store goes to the retrier and then its {@link CacheUnavailableException} is thrown
 * into the transport: an at-least-once transport (Kafka) then redelivers the event instead of
 * committing past a purge that has not landed, while in-process and at-most-once transports log
 * it and go on (the retrier still lands it).
 */
final class SignalBinding implements SignalListener {

    private static final Logger LOG = LoggerFactory.getLogger(SignalBinding.class);

    private final CacheRegion<?> region;
    private final String signalName;
    private final Function<SignalEvent, Invalidation> rule;
    private final InvalidationRetrier retrier;

    SignalBinding(CacheRegion<?> region, String signalName, Function<SignalEvent, Invalidation> rule,
                  InvalidationRetrier retrier) {
        this.region = region;
        this.signalName = signalName;
        this.rule = rule;
        this.retrier = retrier;
    }

    /** @throws CacheUnavailableException if the store is unavailable (a retry is scheduled) */
    @Override
    public void onSignal(SignalEvent event) {
        Invalidation invalidation;
        try {
            invalidation = rule.apply(event);
            if (invalidation == null) {
                throw new NullPointerException("the rule returned null");
            }
        } catch (RuntimeException e) {
            LOG.warn("The invalidation rule of region {} for signal {} failed on key {}; invalidating the whole region",
                    region.name(), signalName, event.key(), e);
            invalidation = Invalidation.region();
        }
        apply(invalidation);
    }

    /** @throws CacheUnavailableException if the store is unavailable (a retry is scheduled) */
    @Override
    public void onPossibleLoss(String signal) {
        LOG.info("Signal {} may have lost events; invalidating region {}", signal, region.name());
        apply(Invalidation.region());
    }

    private void apply(Invalidation invalidation) {
        if (invalidation instanceof Invalidation.None) {
            return;
        }
        retrier.applyUntilLanded(new InvalidationRetrier.Target(region.name(), invalidation),
                invalidation + " of region " + region.name() + " on signal " + signalName, () -> region.apply(invalidation));
    }

    @Override
    public String toString() {
        return "SignalBinding[" + region.name() + " <- " + signalName + "]";
    }
}

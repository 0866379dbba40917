package io.regioncache.signals.kafka;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A signal that passes everything through to the one it wraps, and counts, per record key, how
 * often the transport delivered a record and how often the listener's stage completed normally:
 * for a region's binding that is the purge having landed (and the record becoming committable), so
 * the fault tests count purges applied where the transport itself sees them.
 */
final class CountingSignal implements Signal {

    private final Signal signal;
    private final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
    private final LongAdder failedStages = new LongAdder();
    private final AtomicInteger possibleLosses = new AtomicInteger();
    private final AtomicInteger lossesHandled = new AtomicInteger();

    CountingSignal(Signal signal) {
        this.signal = signal;
    }

    @Override
    public String name() {
        return signal.name();
    }

    @Override
    public Subscription subscribe(SignalListener listener) {
        return signal.subscribe(counting(listener));
    }

    @Override
    public Subscription subscribe(String group, SignalListener listener) {
        return signal.subscribe(group, counting(listener));
    }

    /** Whether every key in {@code keys} has had a purge applied at least once. */
    boolean appliedAll(Collection<String> keys) {
        return applied.keySet().containsAll(keys);
    }

    /** Deliveries of records in all, duplicates included. */
    int deliveries() {
        return total(delivered);
    }

    /** Purges applied in all (stages completed normally), duplicates included. */
    int purgesApplied() {
        return total(applied);
    }

    /** Distinct record keys whose purge was applied. */
    int keysApplied() {
        return applied.size();
    }

    long failedStages() {
        return failedStages.sum();
    }

    int possibleLosses() {
        return possibleLosses.get();
    }

    /** Possible losses whose stage completed normally: for a region's binding, its whole-region purge landed. */
    int lossesHandled() {
        return lossesHandled.get();
    }

    /** The figures of a run that published {@code published} records with distinct keys, in one line. */
    String figures(String run, int published) {
        return String.format("%s: %,d records published, %,d distinct applied (%,d lost), %,d deliveries, "
                        + "%,d purges applied (%,d duplicates), %,d failed stages, %d possible losses",
                run, published, keysApplied(), published - keysApplied(), deliveries(), purgesApplied(),
                purgesApplied() - keysApplied(), failedStages(), possibleLosses());
    }

    private SignalListener counting(SignalListener listener) {
        return new SignalListener() {
            @Override
            public void onSignal(SignalEvent event) {
                listener.onSignal(event);
            }

            @Override
            public CompletionStage<Void> onSignalAsync(SignalEvent event) {
                String key = String.valueOf(event.key());
                delivered.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                return listener.onSignalAsync(event).whenComplete((done, failure) -> {
                    if (failure == null) {
                        applied.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    } else {
                        failedStages.increment();
                    }
                });
            }

            @Override
            public void onPossibleLoss(String name) {
                listener.onPossibleLoss(name);
            }

            @Override
            public CompletionStage<Void> onPossibleLossAsync(String name) {
                possibleLosses.incrementAndGet();
                return listener.onPossibleLossAsync(name).whenComplete((done, failure) -> {
                    if (failure == null) {
                        lossesHandled.incrementAndGet();
                    }
                });
            }
        };
    }

    private static int total(Map<String, AtomicInteger> counts) {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}

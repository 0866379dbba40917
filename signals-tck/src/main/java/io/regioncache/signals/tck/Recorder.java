package io.regioncache.signals.tck;

import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A listener that remembers what it received, telling the contract's own probe events apart from
 * the events a test publishes. After recording a published event it runs a reaction, through
 * which a test plays a failing listener or one that closes its own subscription. Delivered through
 * {@link #onSignalAsync}, it answers a published event with the stage a test chooses (completed at
 * once by default), and every probe with a completed one.
 */
final class Recorder implements SignalListener {

    static final String PROBE_PREFIX = "signals-tck-probe-";

    private final String label;
    private final Consumer<SignalEvent> reaction;
    private final Function<SignalEvent, CompletionStage<Void>> stages;
    private final List<SignalEvent> received = new CopyOnWriteArrayList<>();

    Recorder(String label) {
        this(label, event -> { });
    }

    Recorder(String label, Consumer<SignalEvent> reaction) {
        this(label, reaction, event -> CompletableFuture.completedFuture(null));
    }

    private Recorder(String label, Consumer<SignalEvent> reaction, Function<SignalEvent, CompletionStage<Void>> stages) {
        this.label = label;
        this.reaction = reaction;
        this.stages = stages;
    }

    /** A listener that answers each published event delivered through {@link #onSignalAsync} with the stage {@code stages} gives. */
    static Recorder staged(String label, Function<SignalEvent, CompletionStage<Void>> stages) {
        return new Recorder(label, event -> { }, stages);
    }

    /** A listener that records, then throws, on every published event. */
    static Recorder throwing(String label) {
        return new Recorder(label, event -> {
            throw new IllegalStateException("Thrown on purpose by the signal contract's listener " + label);
        });
    }

    @Override
    public void onSignal(SignalEvent event) {
        received.add(event);
        if (!isProbe(event)) {
            reaction.accept(event);
        }
    }

    @Override
    public CompletionStage<Void> onSignalAsync(SignalEvent event) {
        onSignal(event);
        return isProbe(event) ? CompletableFuture.completedFuture(null) : stages.apply(event);
    }

    /** The events received so far, without probes, in arrival order. */
    List<SignalEvent> events() {
        return received.stream().filter(e -> !isProbe(e)).toList();
    }

    /** The payloads of {@link #events()}, which may include null. */
    List<Object> payloads() {
        return events().stream().map(SignalEvent::payload).toList();
    }

    boolean sawProbe(String probe) {
        return received.stream().anyMatch(e -> probe.equals(e.payload()));
    }

    private static boolean isProbe(SignalEvent event) {
        return event.payload() instanceof String s && s.startsWith(PROBE_PREFIX);
    }

    @Override
    public String toString() {
        return label;
    }
}

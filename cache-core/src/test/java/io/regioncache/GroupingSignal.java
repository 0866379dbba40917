package io.regioncache;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test transport with real group semantics (each event goes to one member of each group, in
 * turn, and to every ungrouped subscription, as signals-tck's SharingSignal does) that delivers on
 * the sender's thread and lets listener exceptions reach the sender, as an at-least-once
 * transport sees them. Optionally its subscriptions throw on close.
 */
final class GroupingSignal implements Signal {

    private final String name;
    private final boolean failOnClose;
    private final List<SignalListener> ungrouped = new CopyOnWriteArrayList<>();
    private final Map<String, List<SignalListener>> groups = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();

    GroupingSignal(String name) {
        this(name, false);
    }

    GroupingSignal(String name, boolean failOnClose) {
        this.name = name;
        this.failOnClose = failOnClose;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Subscription subscribe(SignalListener listener) {
        return add(ungrouped, Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public Subscription subscribe(String group, SignalListener listener) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(listener, "listener");
        return add(groups.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>()), listener);
    }

    /** Delivers one event; a listener's exception propagates to the caller. */
    void send(String key) {
        SignalEvent event = new SignalEvent(name, key, null, Instant.now());
        ungrouped.forEach(listener -> listener.onSignal(event));
        groups.forEach((group, members) -> {
            List<SignalListener> now = List.copyOf(members);
            if (!now.isEmpty()) {
                int turn = turns.computeIfAbsent(group, g -> new AtomicInteger()).getAndIncrement();
                now.get(Math.floorMod(turn, now.size())).onSignal(event);
            }
        });
    }

    /** The groups that have at least one member. */
    List<String> groups() {
        return groups.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** How many subscriptions are open, grouped or not. */
    int subscriptions() {
        return ungrouped.size() + groups.values().stream().mapToInt(List::size).sum();
    }

    private Subscription add(List<SignalListener> members, SignalListener listener) {
        // One entry per subscription, so that closing it removes only itself.
        SignalListener entry = listener::onSignal;
        members.add(entry);
        return () -> {
            members.remove(entry);
            if (failOnClose) {
                throw new IllegalStateException("subscription of " + name + " failed to close");
            }
        };
    }
}

package io.regioncache;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test transport with real group semantics (each event goes to one member of each group, in
 * turn, and to every ungrouped subscription, as signals-tck's SharingSignal does) that delivers on
 * the sender's thread, either as an in-process transport ({@link #send}: listener exceptions reach
 * the sender) or as an acknowledging one ({@link #sendAsync}: the stages it would wait on before
 * acknowledging). Optionally its subscriptions throw on close.
 */
final class GroupingSignal implements Signal {

    private final String name;
    private final boolean failOnClose;
    private final List<Member> ungrouped = new CopyOnWriteArrayList<>();
    private final Map<String, List<Member>> groups = new ConcurrentHashMap<>();
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

    /** Delivers one event with {@code onSignal}; a listener's exception propagates to the caller. */
    void send(String key) {
        SignalEvent event = new SignalEvent(name, key, null, Instant.now());
        receivers().forEach(listener -> listener.onSignal(event));
    }

    /** Delivers one event with {@code onSignalAsync}, returning the stages of the receivers. */
    List<CompletableFuture<Void>> sendAsync(String key) {
        SignalEvent event = new SignalEvent(name, key, null, Instant.now());
        return receivers().stream().map(listener -> listener.onSignalAsync(event).toCompletableFuture()).toList();
    }

    /** Every ungrouped subscription and one member of each group, in turn. */
    private List<SignalListener> receivers() {
        List<SignalListener> receivers = new ArrayList<>();
        ungrouped.forEach(member -> receivers.add(member.listener()));
        groups.forEach((group, members) -> {
            List<Member> now = List.copyOf(members);
            if (!now.isEmpty()) {
                int turn = turns.computeIfAbsent(group, g -> new AtomicInteger()).getAndIncrement();
                receivers.add(now.get(Math.floorMod(turn, now.size())).listener());
            }
        });
        return receivers;
    }

    /** The groups that have at least one member. */
    List<String> groups() {
        return groups.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** How many subscriptions are open, grouped or not. */
    int subscriptions() {
        return ungrouped.size() + groups.values().stream().mapToInt(List::size).sum();
    }

    /** One subscription: a class, not a record, so that closing it removes only itself. */
    private static final class Member {
        private final SignalListener listener;

        Member(SignalListener listener) {
            this.listener = listener;
        }

        SignalListener listener() {
            return listener;
        }
    }

    private Subscription add(List<Member> members, SignalListener listener) {
        Member entry = new Member(listener);
        members.add(entry);
        return () -> {
            members.remove(entry);
            if (failOnClose) {
                throw new IllegalStateException("subscription of " + name + " failed to close");
            }
        };
    }
}

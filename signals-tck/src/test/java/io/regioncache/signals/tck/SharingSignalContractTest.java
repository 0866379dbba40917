package io.regioncache.signals.tck;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the contract over a transport that shares each event among the members of a group, as
 * Kafka consumer groups do, so that the kit's shared-group test is itself tested.
 */
class SharingSignalContractTest extends LocalSignalContractTest {

    @Override
    protected Signal createSignal() {
        return new SharingSignal(super.createSignal());
    }

    @Override
    protected boolean supportsSharedGroups() {
        return true;
    }

    /** Hands each event to one member of each group, in turn, and to every ungrouped subscription. */
    private static final class SharingSignal implements Signal {

        private final Signal source;
        private final Map<String, Group> groups = new ConcurrentHashMap<>();

        SharingSignal(Signal source) {
            this.source = source;
        }

        @Override
        public String name() {
            return source.name();
        }

        @Override
        public Subscription subscribe(SignalListener listener) {
            return source.subscribe(listener);
        }

        @Override
        public Subscription subscribe(String group, SignalListener listener) {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(listener, "listener");
            Group members = groups.computeIfAbsent(group, name -> new Group(source));
            // One entry per subscription, so that closing it twice removes only itself.
            SignalListener entry = listener::onSignal;
            members.listeners.add(entry);
            return () -> members.listeners.remove(entry);
        }
    }

    private static final class Group {

        private final List<SignalListener> listeners = new CopyOnWriteArrayList<>();
        private final AtomicInteger turn = new AtomicInteger();

        Group(Signal source) {
            source.subscribe(this::handToOne);
        }

        private void handToOne(SignalEvent event) {
            List<SignalListener> members = List.copyOf(listeners);
            if (!members.isEmpty()) {
                members.get(Math.floorMod(turn.getAndIncrement(), members.size())).onSignal(event);
            }
        }
    }
}

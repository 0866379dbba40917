package io.regioncache.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class LocalSignalTest {

    @Test
    void sameNameIsSameSignal() {
        assertThat(Signals.named("same-name")).isSameAs(Signals.named("same-name"));
        assertThat(Signals.named("same-name")).isNotSameAs(Signals.named("other-name"));
        assertThat(Signals.named("same-name").name()).isEqualTo("local:same-name");
    }

    @Test
    void sendRunsListenersBeforeReturning() {
        LocalSignal signal = Signals.named("sync-send");
        List<SignalEvent> seen = new ArrayList<>();
        try (Subscription ignored = signal.subscribe(seen::add)) {
            signal.send("k", 42);
            assertThat(seen).singleElement().satisfies(e -> {
                assertThat(e.signal()).isEqualTo("local:sync-send");
                assertThat(e.key()).isEqualTo("k");
                assertThat(e.payload()).isEqualTo(42);
            });
            signal.send(null);
            assertThat(seen).hasSize(2);
            assertThat(seen.get(1).key()).isNull();
            assertThat(seen.get(1).payload()).isNull();
        }
    }

    @Test
    void throwingListenerDoesNotStopTheOthers() {
        LocalSignal signal = Signals.named("throwing");
        List<Object> seen = new ArrayList<>();
        try (CapturedRecords log = new CapturedRecords(NamedLocalSignal.class);
             Subscription a = signal.subscribe(e -> { throw new IllegalStateException("boom"); });
             Subscription b = signal.subscribe(e -> seen.add(e.payload()))) {
            signal.send("one");
            signal.send("two");
        }
        assertThat(seen).containsExactly("one", "two");
    }

    @Test
    void aRunOfFailuresIsOneWarningPerSubscriptionUntilItsListenerSucceeds() {
        LocalSignal signal = Signals.named("failing-run");
        AtomicBoolean down = new AtomicBoolean(true);
        SignalListener purge = e -> {
            if (down.get()) {
                throw new IllegalStateException("Redis is down (thrown on purpose)");
            }
        };
        try (CapturedRecords log = new CapturedRecords(NamedLocalSignal.class);
             Subscription first = signal.subscribe(purge);
             Subscription second = signal.subscribe(purge)) {
            for (int i = 0; i < 5; i++) {
                signal.send(i);
            }
            assertThat(log.at(Level.WARNING)).as("one per subscription").hasSize(2);

            down.set(false);
            signal.send("back");
            assertThat(log.at(Level.INFO)).hasSize(2).allMatch(m -> m.contains("succeeds again"));

            down.set(true);
            signal.send("down again");
            assertThat(log.at(Level.WARNING)).as("a new run, a new warning").hasSize(4);
        }
    }
}

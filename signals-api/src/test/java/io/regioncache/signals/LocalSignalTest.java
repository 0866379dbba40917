package io.regioncache.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
        try (CapturedLog log = new CapturedLog();
             Subscription a = signal.subscribe(e -> { throw new IllegalStateException("boom"); });
             Subscription b = signal.subscribe(e -> seen.add(e.payload()))) {
            signal.send("one");
            signal.send("two");

            assertThat(log.warnings()).isNotEmpty().allMatch(warning -> warning.contains("local:throwing"));
        }
        assertThat(seen).containsExactly("one", "two");
    }

    @Test
    void listenerThatThrowsAnErrorIsLoggedAtErrorAndDoesNotStopTheOthers() {
        LocalSignal signal = Signals.named("erring");
        List<Object> seen = new ArrayList<>();
        try (CapturedLog log = new CapturedLog();
             Subscription a = signal.subscribe(e -> { throw new AssertionError("a listener bug (thrown on purpose)"); });
             Subscription b = signal.subscribe(e -> seen.add(e.payload()))) {
            signal.send("one");
            signal.send("two");

            assertThat(log.errors()).as("one per error, never quieted").hasSize(2)
                    .allMatch(error -> error.contains("local:erring") && error.contains("threw an error"));
        }
        assertThat(seen).containsExactly("one", "two");
    }

    @Test
    void closeUnbindsOnlyThatSubscriptionAndIsIdempotent() {
        LocalSignal signal = Signals.named("close");
        SignalListener listener = e -> { };
        Subscription first = signal.subscribe(listener);
        Subscription second = signal.subscribe(listener);
        first.close();
        first.close();
        assertThat(((NamedLocalSignal) signal).listenerCount()).isEqualTo(1);
        second.close();
        assertThat(((NamedLocalSignal) signal).listenerCount()).isZero();
    }

    @Test
    void badNamesAreRejected() {
        assertThatThrownBy(() -> Signals.named(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Signals.named(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("' '");
        assertThatThrownBy(() -> Signals.named("x").subscribe(null)).isInstanceOf(NullPointerException.class);
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
        try (CapturedLog log = new CapturedLog();
             Subscription first = signal.subscribe(purge);
             Subscription second = signal.subscribe(purge)) {
            for (int i = 0; i < 5; i++) {
                signal.send(i);
            }
            assertThat(log.warnings()).as("one per subscription").hasSize(2)
                    .allMatch(warning -> warning.contains("further failures are logged at DEBUG"));

            down.set(false);
            signal.send("back");
            down.set(true);
            signal.send("down again");
            assertThat(log.warnings()).as("a success ends the run: a new run, a new warning").hasSize(4);
        }
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regioncache.signals.LocalSignal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Signals;
import io.regioncache.signals.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Regions bound to in-process signals (and to a signal the test drives by hand). */
abstract class LocalSignalContract extends StoreContract {

    private static LocalSignal freshSignal() {
        return Signals.named("test-" + UUID.randomUUID());
    }

    @Test
    void aBoundRegionIsPurgedWhenSendReturns() {
        LocalSignal saved = freshSignal();
        Region<Object> users = cache.region("users");
        users.region("42").put("name", "Ada");
        users.invalidateOn(saved);

        saved.send("user 42 saved");

        assertThat(users.region("42").get("name")).isNull();
    }

    @Test
    void anyOfSeveralSignalsPurgesTheRegion() {
        LocalSignal first = freshSignal();
        LocalSignal second = freshSignal();
        Region<Object> region = cache.region("r");
        region.invalidateOn(first, second);

        region.put("k", 1);
        second.send(null);
        assertThat(region.get("k")).isNull();

        region.put("k", 2);
        first.send(null);
        assertThat(region.get("k")).isNull();
    }

    @Test
    void aRuleCanPurgeASubregionOnly() {
        LocalSignal saved = freshSignal();
        Region<Object> users = cache.region("users");
        users.put("count", 2);
        users.region("42").put("name", "Ada");
        users.region("43").put("name", "Bob");
        users.invalidateOn(saved, event -> Invalidation.subregion(event.key()));

        saved.send("42", "saved");

        assertThat(users.region("42").get("name")).isNull();
        assertThat(users.region("43").get("name")).isEqualTo("Bob");
        assertThat(users.get("count")).isEqualTo(2);
    }

    @Test
    void aRuleCanRemoveSomeKeysOrNothing() {
        LocalSignal saved = freshSignal();
        Region<Object> users = cache.region("users");
        users.putAll(Map.of("42", "Ada", "43", "Bob"));
        users.invalidateOn(saved, event -> event.key() == null ? Invalidation.none() : Invalidation.keys(List.of(event.key())));

        saved.send("42", "saved");
        saved.send(null, "ignored");

        assertThat(users.getAll(List.of("42", "43"))).isEqualTo(Map.of("43", "Bob"));
    }

    @Test
    void closingTheSubscriptionUnbinds() {
        LocalSignal saved = freshSignal();
        Region<Object> region = cache.region("r");
        Subscription binding = region.invalidateOn(saved);
        binding.close();
        binding.close();

        region.put("k", 1);
        saved.send(null);

        assertThat(region.get("k")).isEqualTo(1);
    }

    @Test
    void closingTheCacheUnbindsEverything() {
        LocalSignal saved = freshSignal();
        RegionCache other = anotherProcess();
        Region<Object> boundThroughOther = other.region("r");
        boundThroughOther.invalidateOn(saved);
        other.close();

        cache.region("r").put("k", 1);
        saved.send(null);

        assertThat(cache.region("r").get("k")).isEqualTo(1);
        assertThatThrownBy(() -> boundThroughOther.invalidateOn(saved)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aThrowingRuleOrListenerDoesNotStopTheOthers() {
        LocalSignal saved = freshSignal();
        saved.subscribe(event -> {
            throw new IllegalStateException("a broken listener of the host application");
        });
        Region<Object> brokenRule = cache.region("broken");
        Region<Object> healthy = cache.region("healthy");
        brokenRule.region("child").put("k", 1);
        healthy.put("k", 2);
        brokenRule.invalidateOn(saved, event -> {
            throw new IllegalArgumentException("rule bug");
        });
        healthy.invalidateOn(saved);

        try (CapturedLog log = new CapturedLog()) {
            saved.send(null);

            assertThat(log.lines("WARN")).singleElement().asString().contains("The invalidation rule of region root.broken");
        }

        assertThat(brokenRule.region("child").get("k")).as("a failing rule purges the whole region").isNull();
        assertThat(healthy.get("k")).isNull();
    }

    @Test
    void aRuleThatThrowsAnErrorPurgesTheWholeRegionAndIsLoggedAtError() {
        LocalSignal saved = freshSignal();
        Region<Object> region = cache.region("erring");
        region.region("child").put("k", 1);
        region.invalidateOn(saved, event -> {
            throw new AssertionError("rule bug (thrown on purpose)");
        });

        try (CapturedLog log = new CapturedLog()) {
            saved.send("k");

            assertThat(log.lines("ERROR")).singleElement().asString()
                    .contains("The invalidation rule of region root.erring").contains("threw an error");
        }

        assertThat(region.region("child").get("k")).as("an erring rule purges the whole region").isNull();
    }

    @Test
    void possibleLossPurgesTheWholeRegionAndBindingsShareAGroupOnlyWithinOneStore() {
        HandDrivenSignal signal = new HandDrivenSignal();
        Region<Object> region = cache.region("r");
        region.invalidateOn(signal, event -> Invalidation.none());
        region.region("child").put("k", 1);

        signal.listener.onSignal(new SignalEvent(signal.name(), "k", null, Instant.now()));
        assertThat(region.region("child").get("k")).isEqualTo(1);
        signal.listener.onPossibleLoss(signal.name());

        assertThat(region.region("child").get("k")).isNull();
        assertThat(signal.group).as("one group per store, key prefix, region and signal; none for an unshared store")
                .isEqualTo(sharedStore().map(store -> "region-cache:" + store + ":" + keyPrefix() + "root.r:test:hand-driven")
                        .orElse(null));
    }

    /** A signal whose events the test delivers by calling the listener itself. */
    static final class HandDrivenSignal implements io.regioncache.signals.Signal {
        SignalListener listener;
        String group;

        @Override
        public String name() {
            return "test:hand-driven";
        }

        @Override
        public Subscription subscribe(SignalListener listener) {
            this.listener = listener;
            return () -> this.listener = null;
        }

        @Override
        public Subscription subscribe(String group, SignalListener listener) {
            this.group = group;
            return subscribe(listener);
        }
    }
}

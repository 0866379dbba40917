package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Expired regions that nobody reads again are released by the sweep that writes run. */
class InMemoryExpiryTest {

    private final AtomicLong clock = new AtomicLong();

    private void advance(Duration time) {
        clock.addAndGet(time.toNanos());
    }

    private static StoreWrite put(Duration timeout) {
        return new StoreWrite(Map.of("k", new byte[] {1}), Set.of(), timeout, true, null, false);
    }

    @Test
    void anExpiredNeverReadRegionIsReleasedByLaterWrites() {
        try (InMemoryRegionStore store = new InMemoryRegionStore(clock::get)) {
            for (int i = 0; i < 50; i++) {
                store.write(List.of("root", "root.short" + i), put(Duration.ofSeconds(1)));
            }
            store.write(List.of("root", "root.long"), put(Duration.ofHours(1)));
            assertThat(store.heldRegions()).isEqualTo(51);

            advance(Duration.ofMillis(1_100));

            store.write(List.of("root", "root.other"), put(null));
            assertThat(store.heldRegions()).as("the 50 expired regions are gone, the live ones stay").isEqualTo(2);
            assertThat(store.get("root.long", "k").join()).containsExactly(1);
        }
    }

    @Test
    void aRestartedTimeoutKeepsTheRegionThroughTheSweep() {
        try (InMemoryRegionStore store = new InMemoryRegionStore(clock::get)) {
            store.write(List.of("root", "root.a"), put(Duration.ofMillis(30)));
            store.expire("root.a", Duration.ofHours(1));

            advance(Duration.ofMillis(50)); // past the first timeout, not the restarted one

            store.write(List.of("root", "root.other"), put(null));
            assertThat(store.heldRegions()).isEqualTo(2);
            assertThat(store.get("root.a", "k").join()).containsExactly(1);
        }
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Property 4 of docs/design.md: transactions are all-or-nothing and see their own pending writes. */
abstract class TransactionContract extends StoreContract {

    private static final List<String> KEYS = List.of("a", "b", "c", "d");

    @Test
    void aTransactionAppliesAllItsWrites() {
        Region<Object> region = cache.region("t");
        region.put("gone", 0);

        region.transaction(tx -> {
            tx.put("a", 1);
            tx.put("b", 2);
            tx.remove("gone");
        });

        assertThat(anotherProcess().region("t").getAll(List.of("a", "b", "gone"))).isEqualTo(Map.of("a", 1, "b", 2));
    }

    @Test
    void aTransactionWhoseWorkThrowsLeavesNothingBehind() {
        Region<Object> region = cache.region("t");
        region.put("kept", "before");
        IllegalStateException failure = new IllegalStateException("work failed");

        assertThatThrownBy(() -> region.transaction(tx -> {
            tx.put("a", 1);
            tx.remove("kept");
            tx.put("b", 2);
            throw failure;
        })).isSameAs(failure);

        assertThat(region.keys()).containsExactly("kept");
        assertThat(region.get("kept")).isEqualTo("before");
    }

    @Test
    void readsInsideSeeThePendingWritesFirst() {
        Region<Object> region = cache.region("t");
        region.put("stored", "s");
        region.put("removed", "r");

        region.transaction(tx -> {
            assertThat(tx.get("stored")).isEqualTo("s");
            tx.put("stored", "pending");
            tx.remove("removed");
            tx.put("fresh", "f");
            assertThat(tx.get("stored")).isEqualTo("pending");
            assertThat(tx.get("removed")).isNull();
            assertThat(tx.containsKey("removed")).isFalse();
            assertThat(tx.containsKey("fresh")).isTrue();
            assertThat(region.get("fresh")).isNull();
        });

        assertThat(region.getAll(List.of("stored", "removed", "fresh"))).isEqualTo(Map.of("stored", "pending", "fresh", "f"));
    }

    @Test
    void aTransactionCannotBeUsedAfterItsWork() {
        AtomicReference<RegionTransaction<Object>> escaped = new AtomicReference<>();
        cache.region("t").transaction(escaped::set);

        assertThatThrownBy(() -> escaped.get().put("k", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("root.t");
    }

    @Test
    void concurrentTransactionsNeverInterleavePartially() throws Exception {
        // Each writer sets every key to its own round number in one transaction; the checker's
        // getAll is one atomic read, so it must always see one value across all keys.
        Region<Object> region = cache.region("t");
        region.transaction(tx -> KEYS.forEach(key -> tx.put(key, "w0-0")));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 1; w <= 4; w++) {
                Region<Object> writerRegion = anotherProcess().region("t");
                String writer = "w" + w;
                writers.add(pool.submit(() -> {
                    for (int round = 1; round <= 100; round++) {
                        String value = writer + "-" + round;
                        writerRegion.transaction(tx -> KEYS.forEach(key -> tx.put(key, value)));
                    }
                }));
            }
            Future<List<Map<String, Object>>> checker = pool.submit(() -> {
                List<Map<String, Object>> torn = new ArrayList<>();
                while (!stop.get()) {
                    Map<String, Object> seen = region.getAll(KEYS);
                    if (seen.size() != KEYS.size() || seen.values().stream().distinct().count() != 1) {
                        torn.add(seen);
                    }
                }
                return torn;
            });
            for (Future<?> writer : writers) {
                writer.get();
            }
            stop.set(true);
            assertThat(checker.get()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Properties 1 and 2 of docs/design.md: nested invalidation is one atomic step over durable child links. */
abstract class NestedInvalidationContract extends StoreContract {

    @Test
    void invalidationPurgesThreeLevelsWrittenByTwoProcessesFromAThird() {
        RegionCache writerA = cache;
        RegionCache writerB = anotherProcess();
        writerA.region("app").put("top", 1);
        writerA.region("app.users").put("a", 2);
        writerB.region("app.users.42").put("b", 3);
        writerB.region("app.orders").put("c", 4);
        writerB.region("other").put("d", 5);

        anotherProcess().region("app").invalidate();

        assertThat(writerA.region("app").size()).isZero();
        assertThat(writerA.region("app.users").get("a")).isNull();
        assertThat(writerA.region("app.users.42").get("b")).isNull();
        assertThat(writerB.region("app.orders").get("c")).isNull();
        assertThat(writerB.region("app").children()).isEmpty();
        assertThat(writerA.region("other").get("d")).isEqualTo(5);
    }

    @Test
    void aChildWrittenAfterItsParentWasPurgedIsPurgedByTheNextParentPurge() {
        Region<Object> parent = cache.region("p");
        parent.region("c.d").put("k", 1);
        parent.invalidate();

        anotherProcess().region("p.c.d").put("k", 2);
        assertThat(parent.region("c.d").get("k")).isEqualTo(2);
        parent.invalidate();

        assertThat(parent.region("c.d").get("k")).isNull();
    }

    @Test
    void childLinksOutliveTheExpiryOfTheParentsEntries() {
        Region<Object> parent = cache.region("p", RegionOptions.defaults().withTimeout(Duration.ofMillis(100)));
        parent.put("k", 1);
        Region<Object> child = cache.region("p.c");
        child.put("k", 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> parent.get("k") == null);

        parent.invalidate();

        assertThat(child.get("k")).isNull();
    }

    @Test
    void invalidatingAChildLeavesItsParentAndSiblings() {
        cache.region("p").put("k", 1);
        cache.region("p.a").put("k", 2);
        cache.region("p.b").put("k", 3);

        cache.region("p.a").invalidate();

        assertThat(cache.region("p").get("k")).isEqualTo(1);
        assertThat(cache.region("p.b").get("k")).isEqualTo(3);
        assertThat(cache.region("p.a").get("k")).isNull();
        assertThat(cache.region("p").children()).extracting(Region::name).containsExactly("root.p.b");
    }

    @Test
    void clearPurgesEverythingUnderTheRoot() {
        cache.root().put("k", 0);
        cache.region("a.b.c").put("k", 1);
        anotherProcess().region("x").put("k", 2);

        cache.clear();

        assertThat(cache.root().get("k")).isNull();
        assertThat(cache.region("a.b.c").get("k")).isNull();
        assertThat(cache.region("x").get("k")).isNull();
    }

    @Test
    void noReaderSeesHalfAPurge() throws Exception {
        // Readers read the parent first, then a deep descendant: once the parent is gone, a
        // descendant still present would mean the purge was not one step.
        Region<Object> parent = cache.region("tree");
        parent.put("k", "top");
        List<String> leaves = IntStream.range(0, 50).mapToObj(i -> "n" + i + ".leaf").collect(Collectors.toList());
        leaves.forEach(leaf -> parent.region(leaf).put("k", leaf));
        AtomicBoolean purged = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> halfPurges = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                Region<Object> readerParent = anotherProcess().region("tree");
                halfPurges.add(readers.submit(() -> {
                    int seen = 0;
                    boolean done = false;
                    while (!done) {
                        done = purged.get();
                        for (String leaf : leaves) {
                            if (readerParent.get("k") == null && readerParent.region(leaf).get("k") != null) {
                                seen++;
                            }
                        }
                    }
                    return seen;
                }));
            }
            parent.invalidate();
            purged.set(true);
            for (Future<Integer> halfPurge : halfPurges) {
                assertThat(halfPurge.get()).isZero();
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(leaves).allSatisfy(leaf -> assertThat(parent.region(leaf).get("k")).isNull());
    }
}

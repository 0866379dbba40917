package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Reads, writes, naming and memoization, shared by two caches on one store. */
abstract class RegionBasicsContract extends StoreContract {

    @Test
    void aValuePutByOneProcessIsReadByAnother() {
        cache.region("users").put("42", "Ada");

        Region<Object> users = anotherProcess().region("users");
        assertThat(users.get("42")).isEqualTo("Ada");
        assertThat(users.get("43")).isNull();
        assertThat(users.containsKey("42")).isTrue();
        assertThat(users.containsKey("43")).isFalse();
    }

    @Test
    void getAllReturnsOnlyTheHitsInRequestOrder() {
        Region<Object> region = cache.region("r");
        region.putAll(Map.of("a", 1, "b", 2, "c", 3));

        assertThat(region.getAll(List.of("c", "missing", "a"))).containsExactly(Map.entry("c", 3), Map.entry("a", 1));
        assertThat(region.getAll(List.of())).isEmpty();
    }

    @Test
    void largeWritesAndRemovalsApplyCompletely() {
        Region<Object> region = cache.region("large");
        Map<String, Object> entries = new java.util.LinkedHashMap<>();
        IntStream.range(0, 2500).forEach(i -> entries.put("k" + i, i));
        region.putAll(entries);
        assertThat(region.size()).isEqualTo(2500);

        region.transaction(tx -> IntStream.range(0, 1200).forEach(i -> tx.remove("k" + i)));

        assertThat(region.size()).isEqualTo(1300);
        assertThat(region.get("k1199")).isNull();
        assertThat(region.get("k1200")).isEqualTo(1200);
        assertThat(region.get("k2499")).isEqualTo(2499);
    }

    @Test
    void putIfAbsentStoresOnlyWhenTheKeyHasNoValueInAnyProcess() {
        Region<Object> mine = cache.region("users");
        Region<Object> theirs = anotherProcess().region("users");

        assertThat(mine.putIfAbsent("42", "Ada")).isNull();
        assertThat(mine.putIfAbsent("42", "Grace")).isEqualTo("Ada");
        assertThat(theirs.putIfAbsent("42", "Edsger")).isEqualTo("Ada");
        assertThat(theirs.get("42")).isEqualTo("Ada");

        assertThat(mine.remove("42")).isTrue();
        assertThat(theirs.putIfAbsent("42", "Edsger")).isNull();
        assertThat(mine.get("42")).isEqualTo("Edsger");
    }

    @Test
    void aRegionFirstWrittenByPutIfAbsentIsLinkedIntoItsAncestors() {
        assertThat(cache.region("a.b.c").putIfAbsent("k", "v")).isNull();

        Region<Object> a = anotherProcess().region("a");
        assertThat(a.children()).extracting(Region::name).containsExactly("root.a.b");
        a.invalidate();
        assertThat(cache.region("a.b.c").get("k")).isNull();
    }

    /** Each of 16 callers in two processes races for every key: one stores, the others get its value. */
    @Test
    void racingPutIfAbsentCallersInTwoProcessesStoreExactlyOneValuePerKey() throws Exception {
        List<Region<Object>> regions = List.of(cache.region("race"), anotherProcess().region("race"));
        int callers = 16;
        int keys = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<List<Object>>> answers = new ArrayList<>();
        try {
            for (int caller = 0; caller < callers; caller++) {
                Region<Object> region = regions.get(caller % 2);
                String value = "caller-" + caller;
                answers.add(pool.submit(() -> {
                    start.await();
                    List<Object> got = new ArrayList<>();
                    for (int key = 0; key < keys; key++) {
                        got.add(region.putIfAbsent("k" + key, value));
                    }
                    return got;
                }));
            }
            start.countDown();
            List<List<Object>> got = new ArrayList<>();
            for (Future<List<Object>> answer : answers) {
                got.add(answer.get());
            }
            for (int key = 0; key < keys; key++) {
                int k = key;
                List<Integer> storers = IntStream.range(0, callers).filter(caller -> got.get(caller).get(k) == null)
                        .boxed().toList();
                assertThat(storers).as("callers that stored k%d", k).hasSize(1);
                String stored = "caller-" + storers.get(0);
                assertThat(regions.get(1).get("k" + k)).isEqualTo(stored);
                IntStream.range(0, callers).filter(caller -> caller != storers.get(0))
                        .forEach(caller -> assertThat(got.get(caller).get(k)).isEqualTo(stored));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void removeSaysWhetherTheKeyWasThere() {
        Region<Object> region = cache.region("r");
        region.put("k", "v");

        assertThat(region.remove("k")).isTrue();
        assertThat(region.remove("k")).isFalse();
        assertThat(region.get("k")).isNull();
    }

    @Test
    void keysAndSizeCountOnlyTheRegionsOwnEntries() {
        Region<Object> parent = cache.region("p");
        parent.putAll(Map.of("a", 1, "b", 2));
        parent.region("child").put("c", 3);

        assertThat(parent.keys()).containsExactlyInAnyOrder("a", "b");
        assertThat(parent.size()).isEqualTo(2);
        assertThat(cache.region("empty").keys()).isEmpty();
        assertThat(cache.region("empty").size()).isZero();
    }

    @Test
    void namesAreQualifiedUnderTheRoot() {
        assertThat(cache.root().name()).isEqualTo("root");
        assertThat(cache.region("abc.xyz").name()).isEqualTo("root.abc.xyz");
        assertThat(cache.region("root.abc").name()).isEqualTo("root.abc");
        assertThat(cache.region("root").name()).isEqualTo("root");
        assertThat(cache.region("rooted").name()).isEqualTo("root.rooted");
        Region<Object> nested = cache.region("a").region("b.c");
        assertThat(nested.name()).isEqualTo("root.a.b.c");
        assertThat(nested.parent().map(Region::name)).contains("root.a.b");
        assertThat(cache.root().parent()).isEmpty();
    }

    @Test
    void regionsOfOneCacheAreEqualByName() {
        assertThat(cache.region("a.b")).isEqualTo(cache.root().region("a").region("b"))
                .isEqualTo(cache.region("a.b", RegionOptions.of(Codecs.utf8())))
                .hasSameHashCodeAs(cache.region("root.a.b"))
                .isNotEqualTo(cache.region("a"))
                .isNotEqualTo(anotherProcess().region("a.b"));
        assertThat(cache.region("a.b").toString()).isEqualTo("Region[root.a.b]");
    }

    @Test
    void childrenWrittenByAnyProcessAreListed() {
        cache.region("p.one").put("k", 1);
        anotherProcess().region("p.two.deeper").put("k", 2);

        assertThat(cache.region("p").children()).extracting(Region::name).containsExactly("root.p.one", "root.p.two");
        assertThat(cache.root().children()).extracting(Region::name).containsExactly("root.p");
        assertThat(cache.region("p.one").children()).isEmpty();
    }

    @Test
    void getOrComputeLoadsOnceAndThenHits() {
        Region<Object> region = cache.region("r");
        AtomicInteger loads = new AtomicInteger();

        assertThat(region.getOrCompute("k", () -> "v" + loads.incrementAndGet())).isEqualTo("v1");
        assertThat(region.getOrCompute("k", () -> "v" + loads.incrementAndGet())).isEqualTo("v1");
        assertThat(anotherProcess().region("r").get("k")).isEqualTo("v1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void getOrComputeReturnsButDoesNotStoreANull() {
        Region<Object> region = cache.region("r");

        assertThat(region.getOrCompute("k", () -> null)).isNull();
        assertThat(region.containsKey("k")).isFalse();
    }

    @Test
    void cachedMemoizesByArgument() {
        AtomicInteger calls = new AtomicInteger();
        Function<Integer, Object> square = cache.region("squares").cached(n -> {
            calls.incrementAndGet();
            return n * n;
        });

        assertThat(square.apply(3)).isEqualTo(9);
        assertThat(square.apply(3)).isEqualTo(9);
        assertThat(square.apply(4)).isEqualTo(16);
        assertThat(calls).hasValue(2);
        assertThat(cache.region("squares").get("3")).isEqualTo(9);
    }

    @Test
    void cachedDigestsArgumentsThatAreNotSimpleValues() {
        record Query(String table, int id) implements java.io.Serializable {
        }
        AtomicInteger calls = new AtomicInteger();
        Function<Query, Object> lookup = cache.region("queries").cached(q -> q.table() + calls.incrementAndGet());

        assertThat(lookup.apply(new Query("users", 1))).isEqualTo("users1");
        assertThat(lookup.apply(new Query("users", 1))).isEqualTo("users1");
        assertThat(lookup.apply(new Query("users", 2))).isEqualTo("users2");
        assertThat(cache.region("queries").keys()).hasSize(2).allMatch(key -> key.startsWith("sha256:"));
    }

    @Test
    void regionsKeepTheirCodecAndChildrenInheritIt() {
        Region<String> text = cache.region("text", RegionOptions.of(Codecs.utf8()));
        text.region("child").put("k", "é");

        assertThat(text.region("child").options().codec()).isSameAs(Codecs.utf8());
        Region<byte[]> raw = cache.region("text.child", RegionOptions.of(Codecs.bytes()));
        assertThat(raw.get("k")).containsExactly(0xC3, 0xA9);
    }

    @Test
    void valuesAreCopiedSoCallersCannotChangeWhatIsStored() {
        Region<byte[]> raw = cache.region("raw", RegionOptions.of(Codecs.bytes()));
        byte[] value = {1, 2, 3};
        raw.put("k", value);
        value[0] = 9;
        raw.get("k")[1] = 9;

        assertThat(raw.get("k")).containsExactly(1, 2, 3);
    }

    @Test
    void oneCacheAndRegionAreSharedSafelyByManyThreads() throws Exception {
        Region<Object> region = cache.region("shared");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String thread = "t" + t;
                workers.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int i = 0; i < 100; i++) {
                        String key = thread + "-" + i;
                        region.put(key, i);
                        mismatches += Integer.valueOf(i).equals(region.get(key)) ? 0 : 1;
                        mismatches += region.getOrCompute(key, () -> -1).equals(i) ? 0 : 1;
                        mismatches += cache.region("shared.child").getOrCompute(key, () -> key).equals(key) ? 0 : 1;
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> worker : workers) {
                assertThat(worker.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(region.size()).isEqualTo(800);
        assertThat(cache.region("shared.child").size()).isEqualTo(800);
    }
}

package io.regioncache.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.RegionCache;
import io.regioncache.testsupport.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;

/** {@link Cache#putIfAbsent} through two managers, each on its own {@link RegionCache}, on one Redis. */
class PutIfAbsentAcrossInstancesIT {

    private static final String PREFIX = TestRedis.uniquePrefix(PutIfAbsentAcrossInstancesIT.class);

    private RegionCache first;
    private RegionCache second;

    @BeforeEach
    void connect() {
        first = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(PREFIX).build();
        second = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(PREFIX).build();
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
        TestRedis.deleteKeys(PREFIX);
    }

    @Test
    void theFirstValueStaysAndLaterCallersGetItBackEvenACachedNull() {
        Cache mine = new RegionCacheManager(first).getCache("users");
        Cache theirs = new RegionCacheManager(second).getCache("users");

        assertThat(mine.putIfAbsent(1L, "ada")).isNull();
        assertThat(theirs.putIfAbsent(1L, "grace")).isNotNull().extracting(Cache.ValueWrapper::get).isEqualTo("ada");
        assertThat(theirs.get(1L).get()).isEqualTo("ada");

        assertThat(mine.putIfAbsent(2L, null)).isNull();
        assertThat(theirs.putIfAbsent(2L, "grace")).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
    }

    /** Eight threads per manager race on every key: one stores, the fifteen others get its value back. */
    @Test
    void sixteenCallersInTwoInstancesStoreExactlyOneValuePerKey() throws Exception {
        List<Cache> caches = List.of(new RegionCacheManager(first).getCache("race"),
                new RegionCacheManager(second).getCache("race"));
        int callers = 16;
        int keys = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<List<Object>> answers = new ArrayList<>();
        try {
            List<Future<List<Object>>> futures = new ArrayList<>();
            for (int caller = 0; caller < callers; caller++) {
                Cache cache = caches.get(caller % 2);
                String value = "caller-" + caller;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Object> got = new ArrayList<>();
                    for (long key = 0; key < keys; key++) {
                        Cache.ValueWrapper existing = cache.putIfAbsent(key, value);
                        got.add(existing == null ? null : existing.get());
                    }
                    return got;
                }));
            }
            start.countDown();
            for (Future<List<Object>> future : futures) {
                answers.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int key = 0; key < keys; key++) {
            int k = key;
            List<Integer> storers = IntStream.range(0, callers).filter(caller -> answers.get(caller).get(k) == null)
                    .boxed().toList();
            assertThat(storers).as("callers that stored key %d", k).hasSize(1);
            String stored = "caller-" + storers.get(0);
            assertThat(caches.get(0).get((long) k).get()).isEqualTo(stored);
            assertThat(IntStream.range(0, callers).filter(caller -> caller != storers.get(0))
                    .mapToObj(caller -> answers.get(caller).get(k))).containsOnly(stored);
        }
    }
}

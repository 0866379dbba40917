package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regioncache.testsupport.RedisServerProcess;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Load leases across processes (caches on one Redis stand in for processes). */
class LoadLeaseIT {

    private static final RegionOptions<String> LEASED = RegionOptions.of(Codecs.utf8()).withLoadLease(Duration.ofSeconds(20));

    private final String prefix = TestRedis.uniquePrefix(LoadLeaseIT.class);
    private final List<RegionCache> caches = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void close() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        caches.forEach(RegionCache::close);
        TestRedis.deleteKeys(prefix);
    }

    private RegionCache process() {
        return process(0);
    }

    private RegionCache process(long nearCacheSize) {
        RegionCache cache = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).nearCacheSize(nearCacheSize).build();
        caches.add(cache);
        return cache;
    }

    @Test
    void threeProcessesOfFourThreadsEachLoadAKeyOnce() throws Exception {
        assertOneLoad(0);
    }

    /** With near caches, waiters are also woken by the push of the holder's write. */
    @Test
    void threeProcessesWithNearCachesLoadAKeyOnce() throws Exception {
        assertOneLoad(100);
    }

    private void assertOneLoad(long nearCacheSize) throws Exception {
        List<Region<String>> regions = List.of(process(nearCacheSize).region("users.42", LEASED),
                process(nearCacheSize).region("users.42", LEASED), process(nearCacheSize).region("users.42", LEASED));
        AtomicInteger loads = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(12);
        List<Future<String>> results = new ArrayList<>();
        for (Region<String> region : regions) {
            for (int thread = 0; thread < 4; thread++) {
                results.add(threads.submit(() -> {
                    start.await();
                    return region.getOrCompute("name", () -> {
                        loads.incrementAndGet();
                        pause(Duration.ofMillis(300));
                        return "Ada";
                    });
                }));
            }
        }
        for (Future<String> result : results) {
            assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("Ada");
        }
        assertThat(loads).hasValue(1);
        assertThat(caches.stream().mapToLong(cache -> cache.stats().loads()).sum()).isEqualTo(1);
    }

    /**
     * Threads of the lease holder's own process join its load in flight: they send Redis nothing
     * while it runs (each poll would be one script call), and the whole miss costs the holder's
     * three script calls: the leased lookup, the guarded write and the release.
     */
    @Test
    void waitersInTheHoldersProcessJoinItsLoadInsteadOfPollingRedis() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            RegionCache cache = RegionCache.builder().redisUrl(server.url()).keyPrefix(prefix).build();
            caches.add(cache);
            Region<String> region = cache.region("users.42", LEASED);
            assertThat(region.getOrCompute("warm", () -> "up")).as("the scripts loaded").isEqualTo("up");
            long before = scriptCalls(server);
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            Future<String> holder = threads.submit(() -> region.getOrCompute("name", () -> {
                loading.countDown();
                await(finish);
                return "Ada";
            }));
            await(loading);
            List<Thread> waiting = new CopyOnWriteArrayList<>();
            List<Future<String>> waiters = new ArrayList<>();
            for (int thread = 0; thread < 3; thread++) {
                waiters.add(threads.submit(() -> {
                    waiting.add(Thread.currentThread());
                    return region.getOrCompute("name", () -> "a second load");
                }));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waiting.size() == 3 && waiting.stream()
                    .allMatch(thread -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING));
            finish.countDown();

            assertThat(holder.get(30, TimeUnit.SECONDS)).isEqualTo("Ada");
            for (Future<String> waiter : waiters) {
                assertThat(waiter.get(30, TimeUnit.SECONDS)).isEqualTo("Ada");
            }
            assertThat(scriptCalls(server) - before).isEqualTo(3);
        }
    }

    /** The scripts Redis ran (lease lookups, guarded writes, releases), from its command stats. */
    private static long scriptCalls(RedisServerProcess server) {
        String stats = server.withCommands(redis -> redis.info("commandstats"));
        return stats.lines().filter(line -> line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"))).sum();
    }

    @Test
    void aHolderSlowerThanItsLeaseDoesNotHoldTheOthersPastIt() throws Exception {
        Duration lease = Duration.ofMillis(500);
        RegionOptions<String> shortLease = RegionOptions.of(Codecs.utf8()).withLoadLease(lease);
        CountDownLatch holderLoading = new CountDownLatch(1);
        CountDownLatch releaseHolder = new CountDownLatch(1);
        Region<String> holder = process().region("users.42", shortLease);
        Future<String> slow = threads.submit(() -> holder.getOrCompute("name", () -> {
            holderLoading.countDown();
            await(releaseHolder);
            return "slow";
        }));
        assertThat(holderLoading.await(10, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        String other = process().region("users.42", shortLease).getOrCompute("name", () -> "mine");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(other).isEqualTo("mine");
        assertThat(waited).as("waited for the lease, not for the holder").isLessThan(Duration.ofSeconds(5));
        assertThat(slow).isNotDone();
        releaseHolder.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
    }

    @Test
    void aPurgeDuringTheLoadKillsTheLease() throws Exception {
        CountDownLatch holderLoading = new CountDownLatch(1);
        CountDownLatch releaseHolder = new CountDownLatch(1);
        Region<String> holder = process().region("users.42", LEASED);
        Future<String> slow = threads.submit(() -> holder.getOrCompute("name", () -> {
            holderLoading.countDown();
            await(releaseHolder);
            return "from before the purge";
        }));
        assertThat(holderLoading.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> waiting = process().region("users.42", LEASED).async()
                .getOrCompute("name", () -> CompletableFuture.completedFuture("after the purge"));
        assertThat(waiting).as("waits while the lease is live").isNotDone();

        process().region("users").invalidate();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("after the purge");
        releaseHolder.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("from before the purge");
        assertThat(process().region("users.42", LEASED).get("name")).isEqualTo("after the purge");
    }

    @Test
    void aHolderWhoseLoaderFailsLetsTheOthersLoadAtOnce() throws Exception {
        CountDownLatch holderLoading = new CountDownLatch(1);
        CountDownLatch failHolder = new CountDownLatch(1);
        Region<String> holder = process().region("users.42", LEASED);
        Future<?> failing = threads.submit(() -> holder.getOrCompute("name", () -> {
            holderLoading.countDown();
            await(failHolder);
            throw new IllegalStateException("the database is down");
        }));
        assertThat(holderLoading.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> waiting = process().region("users.42", LEASED).async()
                .getOrCompute("name", () -> CompletableFuture.completedFuture("mine"));

        failHolder.countDown();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).as("well before the 20 s lease expires").isEqualTo("mine");
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("the database is down");
    }

    @Test
    void aLeaseShorterThanAMillisecondIsRefused() {
        assertThatThrownBy(() -> RegionOptions.defaults().withLoadLease(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThat(LEASED.loadLease()).contains(Duration.ofSeconds(20));
        assertThat(RegionOptions.defaults().loadLease()).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The loader's time is under test here. */
    private static void pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.regioncache.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.context.ApplicationContext;

/**
 * {@code @Cacheable(sync = true)} across instances: two application contexts, each with its own
 * {@code RegionCache} on one Redis, eight threads each asking for one key at once.
 */
class LoadLeaseAcrossInstancesIT {

    private static final String PREFIX = TestRedis.uniquePrefix(LoadLeaseAcrossInstancesIT.class);
    private static final int THREADS_PER_INSTANCE = 8;
    /** The name of the callers' threads: only they are counted as waiting. */
    private static final String CALLER = "load-lease-caller";

    // The lease outlasts the test's wait for every caller to arrive, however loaded the machine:
    // a lease that expired during the load would let a second instance load, as it should.
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RegionCacheAutoConfiguration.class))
            .withPropertyValues("region-cache.url=" + TestRedis.url(), "region-cache.key-prefix=" + PREFIX,
                    "region-cache.command-timeout=1m");

    private final AtomicInteger loads = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final Set<Thread> loaders = ConcurrentHashMap.newKeySet();

    @AfterAll
    static void deleteKeys() {
        TestRedis.deleteKeys(PREFIX);
    }

    @Test
    void withALoadLeaseOnAnAncestorSixteenCallersInTwoInstancesLoadOnceInAll() throws Exception {
        ApplicationContextRunner leased = runner.withPropertyValues("region-cache.regions.reports.load-lease=2m");
        leased.run(first -> leased.run(second -> {
            List<Future<String>> results = askFromBoth(first, second, "reports.daily", "2026-12-02");
            try {
                // Everyone but the loader waits: seven threads of each instance for their instance's
                // load, and the other instance's eighth for the lease (or it loaded too, which fails below).
                await().atMost(Duration.ofSeconds(60)).until(() -> loads.get() > 1
                        || (loads.get() == 1 && callersWaiting() == 2 * THREADS_PER_INSTANCE - 1));
            } finally {
                release.countDown();
            }
            for (Future<String> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo("report");
            }
            assertThat(loads).hasValue(1);
        }));
    }

    @Test
    void withoutALoadLeaseEachInstanceLoadsOnce() throws Exception {
        runner.run(first -> runner.run(second -> {
            List<Future<String>> results = askFromBoth(first, second, "unleased", "2026-12-02");
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> loads.get() == 2);
            } finally {
                release.countDown();
            }
            for (Future<String> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo("report");
            }
            assertThat(loads).hasValue(2);
        }));
    }

    /** Starts eight callers of {@code get(key, loader)} on the cache of each context. */
    private List<Future<String>> askFromBoth(ApplicationContext first, ApplicationContext second, String cacheName,
                                             String key) {
        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE, task -> new Thread(task, CALLER));
        List<Future<String>> results = new ArrayList<>();
        for (ApplicationContext context : List.of(first, second)) {
            Cache cache = context.getBean(RegionCacheManager.class).getCache(cacheName);
            for (int i = 0; i < THREADS_PER_INSTANCE; i++) {
                results.add(pool.submit(() -> cache.get(key, slowLoader())));
            }
        }
        // Ends its threads once the callers are done; the test's own waits bound how long that is.
        pool.shutdown();
        return results;
    }

    /** Counts its runs and holds each until the test releases it, so that the others arrive meanwhile. */
    private Callable<String> slowLoader() {
        return () -> {
            loaders.add(Thread.currentThread());
            loads.incrementAndGet();
            if (!release.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never released the load");
            }
            return "report";
        };
    }

    /**
     * Callers waiting for a load they did not start: for their instance's load in flight, or in
     * cache-core's blocking wait (another instance's lease).
     */
    private long callersWaiting() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().equals(CALLER) && !loaders.contains(thread.getKey()))
                .filter(thread -> Arrays.stream(thread.getValue()).anyMatch(frame ->
                        (frame.getClassName().equals(RegionSpringCache.class.getName()) && frame.getMethodName().equals("await"))
                                || (frame.getClassName().equals("io.regioncache.Await") && frame.getMethodName().equals("result"))))
                .count();
    }
}

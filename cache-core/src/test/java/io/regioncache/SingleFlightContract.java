package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Concurrent misses of one key in one process run the loader once. */
abstract class SingleFlightContract extends StoreContract {

    private static final int THREADS = 16;
    /** Long enough for every thread to miss and join the load while it runs: the loader's time is under test. */
    private static final Duration LOAD_TIME = Duration.ofMillis(300);

    @Test
    void sixteenThreadsMissingOneKeyLoadItOnceAndAllGetItsValue() throws Exception {
        Region<Object> region = cache.region("users.42");
        AtomicInteger loads = new AtomicInteger();

        List<Object> results = onThreads(() -> region.getOrCompute("name", () -> {
            loads.incrementAndGet();
            sleep(LOAD_TIME);
            return "Ada #" + loads.get();
        }));

        assertThat(loads).hasValue(1);
        assertThat(results).hasSize(THREADS).containsOnly("Ada #1");
        assertThat(region.get("name")).isEqualTo("Ada #1");
        assertThat(cache.stats().loads()).isEqualTo(1);
    }

    @Test
    void aFailingLoaderFailsEveryWaitingCallerAndNothingIsCached() throws Exception {
        Region<Object> region = cache.region("users.42");
        AtomicInteger loads = new AtomicInteger();

        List<Object> results = onThreads(() -> {
            try {
                return region.getOrCompute("name", () -> {
                    loads.incrementAndGet();
                    sleep(LOAD_TIME);
                    throw new IllegalStateException("the database is down");
                });
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });

        assertThat(loads).hasValue(1);
        assertThat(results).hasSize(THREADS).containsOnly("the database is down");
        assertThat(region.get("name")).isNull();
        assertThat(cache.stats().loadFailures()).isEqualTo(1);
        assertThat(region.getOrCompute("name", () -> "retried")).isEqualTo("retried");
    }

    /** Runs {@code call} on {@link #THREADS} threads released together, returning what each got. */
    private static List<Object> onThreads(Supplier<Object> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                calls.add(threads.submit(() -> {
                    start.await();
                    return call.get();
                }));
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> result : calls) {
                results.add(result.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void sleep(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.signals.Signals;
import io.regioncache.testsupport.RedisServerProcess;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Load: 16 threads of mixed operations on one DEGRADE cache for a fixed time, with Redis killed
 * and restarted in the middle and a signal purging a region now and then. No call throws but
 * the documented {@link CacheUnavailableException} of {@code invalidate()}; throughput before and
 * after the restart is printed; and what the cache holds stays flat after the restart (threads,
 * connections, heap after GC, sampled each second). {@value #DEFAULT_SECONDS} s in the normal
 * build, {@code -Psoak} (or {@code -Dregioncache.load.seconds=N}) for minutes.
 */
@ExtendWith(ExpectedOutageLog.class)
class LoadUnderRestartIT {

    private static final int DEFAULT_SECONDS = 10;
    private static final int THREADS = 16;

    private final RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning");
    private final RegionCache cache = RegionCache.builder().redisUrl(server.url())
            .commandTimeout(Duration.ofMillis(500)).build();
    private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong refusedPurges = new AtomicLong();
    private final String signalName = "load-" + UUID.randomUUID();

    @AfterEach
    void close() {
        cache.close();
        server.close();
    }

    @Test
    void sixteenThreadsUnderDegradeThrowNothingUnexpectedAcrossARestartAndHoldNothingMore() throws Exception {
        long seconds = Long.getLong("regioncache.load.seconds", DEFAULT_SECONDS);
        cache.region("load.r0").invalidateOn(Signals.named(signalName));
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Thread worker = new Thread(this::work, "load-" + i);
            workers.add(worker);
            worker.start();
        }
        List<Sample> samples = new ArrayList<>();
        long half = seconds / 2;
        long before = countFor(half - 1, samples);
        server.stop();
        Signals.named(signalName).send("while down");
        countFor(1, samples);
        server.restart();
        long after = countFor(seconds - half, samples);
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }

        System.out.printf("Load: %d threads, %d operations, %.0f ops/s before the restart, %.0f ops/s after "
                        + "(recovery included), %d purges refused while down, %d unexpected exceptions%n", THREADS,
                operations.get(), before / (double) (half - 1), after / (double) (seconds - half), refusedPurges.get(),
                unexpected.size());
        assertThat(unexpected).as("exceptions a DEGRADE cache must not throw").isEmpty();
        assertThat(after).as("the cache served again after the restart").isPositive();
        assertFlat(samples.subList((int) half + 1, samples.size()));
    }

    private void work() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            Region<Object> region = cache.region("load.r" + random.nextInt(4));
            String key = "k" + random.nextInt(100);
            try {
                switch (random.nextInt(10)) {
                    case 0, 1, 2, 3 -> region.get(key);
                    case 4, 5 -> region.put(key, "v" + random.nextInt());
                    case 6, 7 -> region.getOrCompute(key, () -> "loaded");
                    case 8 -> region.remove(key);
                    default -> invalidateOrSignal(region, random);
                }
            } catch (RuntimeException e) {
                unexpected.add(e);
            }
            operations.incrementAndGet();
        }
    }

    /** A direct invalidate throws while Redis is down (documented); a signalled purge is retried instead. */
    private void invalidateOrSignal(Region<Object> region, ThreadLocalRandom random) {
        if (random.nextInt(20) == 0) {
            Signals.named(signalName).send("changed");
            return;
        }
        try {
            region.invalidate();
        } catch (CacheUnavailableException documented) {
            refusedPurges.incrementAndGet();
        }
    }

    /** Time is what is under test here: runs for {@code seconds}, sampling each second. */
    private long countFor(long seconds, List<Sample> samples) throws InterruptedException {
        long start = operations.get();
        for (long i = 0; i < seconds; i++) {
            TimeUnit.SECONDS.sleep(1);
            samples.add(Sample.now(server));
        }
        return operations.get() - start;
    }

    /**
     * From the second sample after the restart (Lettuce starts event-loop threads lazily, up to a
     * bound, as it reconnects) to the end, nothing grows beyond a small noise.
     */
    private static void assertFlat(List<Sample> samples) {
        Sample warm = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        System.out.printf("Held: threads %d -> %d, connections %d -> %d, heap after GC %d MB -> %d MB%n", warm.threads,
                last.threads, warm.connections, last.connections, warm.heapMb, last.heapMb);
        assertThat(last.threads).as("threads").isLessThanOrEqualTo(warm.threads + 2);
        assertThat(last.connections).as("connections to Redis").isLessThanOrEqualTo(Math.max(warm.connections, 2));
        assertThat(last.heapMb).as("heap after GC, MB").isLessThanOrEqualTo(warm.heapMb + 32);
    }

    private record Sample(int threads, long connections, long heapMb) {
        static Sample now(RedisServerProcess server) {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
            long connections;
            try {
                // Minus the sampling connection itself.
                connections = server.withCommands(redis -> redis.clientList().lines().count()) - 1;
            } catch (RuntimeException down) {
                connections = 0;
            }
            return new Sample(Thread.activeCount(), connections, heap);
        }
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** {@link PerThreadCounter}: exact totals with no atomic increment, and no cell kept per ended thread. */
class PerThreadCounterTest {

    @Test
    void threadsCountingAtOnceLoseNoIncrement() throws Exception {
        PerThreadCounter counter = new PerThreadCounter();
        int threads = 8;
        int each = 100_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> {
                await(start);
                for (int n = 0; n < each; n++) {
                    counter.increment();
                }
            });
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) {
            thread.join();
        }

        assertThat(counter.sum()).isEqualTo((long) threads * each);
    }

    @Test
    void eachThreadNumbersItsOwnIncrementsFromOne() throws Exception {
        PerThreadCounter counter = new PerThreadCounter();
        counter.increment();
        counter.increment();
        long[] otherThreads = new long[2];
        Thread other = new Thread(() -> {
            otherThreads[0] = counter.increment();
            otherThreads[1] = counter.increment();
        });
        other.start();
        other.join();

        assertThat(otherThreads).containsExactly(1, 2);
        assertThat(counter.increment()).isEqualTo(3);
        assertThat(counter.sum()).isEqualTo(5);
    }

    @Test
    void endedThreadsKeepTheirCountButNotTheirCells() throws Exception {
        PerThreadCounter counter = new PerThreadCounter();
        int threads = 500;
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> LongStream.range(0, 3).forEach(n -> counter.increment()));
            thread.start();
            thread.join();
        }

        // Registering cells folds the ended threads' cells whenever their number has doubled,
        // so at most the last batch is still held; a sum folds the rest.
        assertThat(counter.cells()).isLessThan(threads / 2);
        assertThat(counter.sum()).isEqualTo(3L * threads);
        assertThat(counter.cells()).isZero();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

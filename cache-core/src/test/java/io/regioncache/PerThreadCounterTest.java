package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
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
    void aThreadsNumbersFollowEachOtherFromAStartOfItsOwn() throws Exception {
        PerThreadCounter counter = new PerThreadCounter();
        long first = counter.increment();
        long second = counter.increment();
        long[] otherThreads = new long[2];
        Thread other = new Thread(() -> {
            otherThreads[0] = counter.increment();
            otherThreads[1] = counter.increment();
        });
        other.start();
        other.join();

        assertThat(second).isEqualTo(first + 1);
        assertThat(otherThreads[1]).isEqualTo(otherThreads[0] + 1);
        assertThat(otherThreads[0]).as("another thread's start").isNotEqualTo(first);
        assertThat(counter.increment()).isEqualTo(first + 2);
        assertThat(counter.sum()).isEqualTo(5);
    }

    /**
     * A thread whose slot a live thread holds counts through a thread-local; one a pool wiped
     * (the common ForkJoinPool's workers on recent JDKs) finds its cell again and adds no cell.
     */
    @Test
    void aThreadWhoseSlotIsTakenCountsThroughItsThreadLocalEvenWhenWiped() throws Exception {
        PerThreadCounter counter = new PerThreadCounter();
        counter.increment();
        assertThat(counter.slotted()).as("the first thread of its slot").isTrue();
        boolean[] slotted = new boolean[1];
        Thread collider = sharingTheSlotOf(Thread.currentThread(), () -> {
            for (int wiped = 0; wiped < 100; wiped++) {
                counter.forgetThreadLocal();
                counter.increment();
            }
            slotted[0] = counter.slotted();
        });
        collider.start();
        collider.join();

        assertThat(slotted[0]).isFalse();
        assertThat(counter.cells()).isEqualTo(2);
        assertThat(counter.sum()).isEqualTo(101);
    }

    @Test
    void aSlotWhoseThreadEndedGoesToTheNextThreadOfIt() throws Exception {
        PerThreadCounter counter = new PerThreadCounter();
        Thread first = new Thread(counter::increment);
        first.start();
        first.join();
        boolean[] slotted = new boolean[1];
        Thread next = sharingTheSlotOf(first, () -> {
            counter.increment();
            slotted[0] = counter.slotted();
        });
        next.start();
        next.join();

        assertThat(slotted[0]).isTrue();
        assertThat(counter.sum()).isEqualTo(2);
    }

    /** A new, unstarted thread running {@code body} whose id falls in the same slot as {@code thread}'s. */
    private static Thread sharingTheSlotOf(Thread thread, Runnable body) {
        long slot = thread.getId() % PerThreadCounter.SLOTS;
        for (int made = 0; made <= PerThreadCounter.SLOTS; made++) {
            Thread candidate = new Thread(body);
            if (candidate.getId() % PerThreadCounter.SLOTS == slot) {
                return candidate;
            }
        }
        throw new IllegalStateException("No thread id fell in slot " + slot + ": ids are not handed out in sequence");
    }

    @Test
    void theSumNeverDecreasesWhileThreadsCountAndEnd() throws Exception {
        PerThreadCounter counter = new PerThreadCounter();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Long> decreases = new ArrayList<>();
        Thread reader = new Thread(() -> {
            long last = 0;
            while (writing.get()) {
                long now = counter.sum();
                if (now < last) {
                    decreases.add(now - last);
                }
                last = now;
            }
        });
        reader.start();
        for (int round = 0; round < 300; round++) {
            Thread shortLived = new Thread(() -> LongStream.range(0, 100).forEach(n -> counter.increment()));
            shortLived.start();
            counter.increment();
            shortLived.join();
        }
        writing.set(false);
        reader.join();

        assertThat(decreases).isEmpty();
        assertThat(counter.sum()).isEqualTo(300L * 101);
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

package io.regioncache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A count that many threads add to with no atomic instruction: each thread adds to a cell of its
 * own with a plain store, and {@link #sum()} adds the cells up. Made for the near-cache hit,
 * where even an uncontended {@link java.util.concurrent.atomic.LongAdder} increment (a
 * compare-and-swap) costs about as much as the map lookup it counts.
 *
 * <p>A thread finds its cell in a slot picked by its thread id (ids are unique and handed out in
 * sequence, so live threads rarely share a slot): two loads and a comparison, where a {@link
 * ThreadLocal} lookup costs several more dependent loads (about 1.5 ns of a 9 ns near hit,
 * measured). A thread whose slot another live thread holds uses a thread-local instead.
 *
 * <p>A thread keeps its cell for as long as it lives, even if its thread-locals are wiped (the
 * common ForkJoinPool's workers wipe theirs between tasks on recent JDKs): the cell is found
 * again by thread. The cells of threads that ended are folded into one total when {@link #sum()}
 * runs and when the number of cells has doubled since the last fold, so a process that churns
 * threads keeps about one cell per live thread. A thread's first count takes this counter's lock
 * and makes its cell; a process that runs each near hit on a new thread (a virtual thread per
 * task) pays that on every hit, and keeps correct totals.
 */
final class PerThreadCounter {

    private static final int FIRST_FOLD = 64;
    /** Slots for cells by thread id: a power of two, about the threads a busy server runs. */
    static final int SLOTS = 256;

    /** One thread's count: written only by that thread, read by any. */
    private static final class Cell {

        private static final VarHandle COUNT;

        static {
            try {
                COUNT = MethodHandles.lookup().findVarHandle(Cell.class, "count", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final WeakReference<Thread> owner;
        /** Final, so that a thread that reads this cell through a data race sees it whole. */
        private final long ownerId;
        /**
         * Where this cell's count starts: random, so that the numbers {@link #increment} hands out
         * do not put threads in step. Kept in the count itself rather than added per increment,
         * which measurably slowed the near hit; {@link #read} takes it off.
         */
        private final long start = ThreadLocalRandom.current().nextLong();
        private long count = start;

        Cell(Thread owner) {
            this.owner = new WeakReference<>(owner);
            this.ownerId = owner.getId();
        }

        /** Called by the owner only, so the plain read is its own last write. */
        long increment() {
            long next = count + 1;
            // Opaque: a reader on another thread sees a whole long (never a torn one), and on the
            // platforms Java runs on this is a plain store, no fence.
            COUNT.setOpaque(this, next);
            return next;
        }

        /** The owner's increments so far (wrapping past Long.MAX_VALUE is undone by the subtraction). */
        long read() {
            return (long) COUNT.getOpaque(this) - start;
        }

        /**
         * Whether the owner ended, and so counts no more. When {@code isAlive()} says so, its last
         * store happens-before this read; when the reference was cleared, the thread was collected
         * long after its last store, which every collector's safepoints have made visible.
         */
        boolean ownerEnded() {
            Thread thread = owner.get();
            return thread == null || !thread.isAlive();
        }
    }

    /**
     * Cells by thread id modulo {@link #SLOTS}. Written under this counter's lock, read without
     * it: a reader that sees no cell, or another thread's, takes the slower way; a thread always
     * sees the cell it put there itself.
     */
    private final Cell[] slots = new Cell[SLOTS];
    private final ThreadLocal<Cell> cells = ThreadLocal.withInitial(this::cellOfThisThread);
    /** Every cell whose count is not yet in {@link #ended}; guarded by this. */
    private final List<Cell> live = new ArrayList<>();
    /** The cells of live threads, found again when a thread's thread-locals were wiped; guarded by this. */
    private final Map<Thread, Cell> byThread = new WeakHashMap<>();
    /** The counts of threads that ended; guarded by this. */
    private long ended;
    /** Guarded by this. */
    private int foldAt = FIRST_FOLD;

    /**
     * Adds one for the calling thread.
     *
     * @return a number that grows by one with each call of the calling thread, from a random
     *         starting point of that thread's: callers may use it to act on about one call in n
     *         without acting on the same calls of every thread
     */
    long increment() {
        long id = Thread.currentThread().getId();
        Cell slotted = slots[(int) id & (SLOTS - 1)];
        if (slotted != null && slotted.ownerId == id) {
            return slotted.increment();
        }
        return cells.get().increment();
    }

    /** The total of every thread's increments, including threads that ended. Never decreases. */
    synchronized long sum() {
        foldEnded();
        long sum = ended;
        for (Cell cell : live) {
            sum += cell.read();
        }
        return sum;
    }

    /** How many cells are kept: about one per live thread that has counted. */
    synchronized int cells() {
        return live.size();
    }

    /**
     * Drops the calling thread's thread-local reference to its cell, as a pool that wipes its
     * workers' thread-locals does; its next count finds the same cell again.
     */
    void forgetThreadLocal() {
        cells.remove();
    }

    /** Whether the calling thread's cell is in its slot, found without a thread-local. */
    synchronized boolean slotted() {
        Cell cell = byThread.get(Thread.currentThread());
        return cell != null && slots[(int) cell.ownerId & (SLOTS - 1)] == cell;
    }

    private synchronized Cell cellOfThisThread() {
        Thread current = Thread.currentThread();
        Cell cell = byThread.get(current);
        if (cell == null) {
            if (live.size() >= foldAt) {
                foldEnded();
                foldAt = Math.max(FIRST_FOLD, live.size() * 2);
            }
            cell = new Cell(current);
            live.add(cell);
            byThread.put(current, cell);
        }
        int slot = (int) cell.ownerId & (SLOTS - 1);
        if (slots[slot] == null || slots[slot].ownerEnded()) {
            slots[slot] = cell;
        }
        return cell;
    }

    private void foldEnded() {
        live.removeIf(cell -> {
            if (cell.ownerEnded()) {
                ended += cell.read();
                return true;
            }
            return false;
        });
    }
}

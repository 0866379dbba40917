package io.regioncache.history;

import io.regioncache.CacheUnavailableException;
import io.regioncache.FailurePolicy;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.history.Op.Kind;
import io.regioncache.history.Op.Outcome;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One simulated process: its own {@link RegionCache} (its own connection) running random put,
 * get, getOrCompute, remove and invalidate on a small region tree, recording every call. Values
 * are unique ({@code c<client>-<n>}) so a read names the write it saw.
 *
 * <p>Under RAISE a call that returns certainly took effect and one that throws {@link
 * CacheUnavailableException} may or may not have. Under DEGRADE a write, a miss and a remove
 * that found nothing are all uncertain (a dropped call looks the same), while a hit and an
 * invalidation that returned are certain.
 */
public final class HistoryClient implements Runnable {

    /** The tree the clients share: a root, a child, a grandchild, and a sibling. */
    public static final List<String> REGIONS = List.of("h", "h.a", "h.a.x", "h.b");
    private static final List<String> KEYS = List.of("k0", "k1", "k2");

    private final int id;
    private final RegionCache cache;
    private final FailurePolicy policy;
    private final Queue<Op> history;
    private final BooleanSupplier running;
    private final boolean dropPurges;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param dropPurges a deliberately broken client for testing the checker: its invalidations
     *                   do nothing but are recorded as done
     */
    public HistoryClient(int id, RegionCache cache, FailurePolicy policy, Queue<Op> history, BooleanSupplier running,
                         boolean dropPurges) {
        this.id = id;
        this.cache = cache;
        this.policy = policy;
        this.history = history;
        this.running = running;
        this.dropPurges = dropPurges;
    }

    @Override
    public void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.getAsBoolean()) {
            String regionName = REGIONS.get(random.nextInt(REGIONS.size()));
            Region<Object> region = cache.region(regionName);
            String key = KEYS.get(random.nextInt(KEYS.size()));
            int dice = random.nextInt(100);
            if (dice < 35) {
                get(region, key);
            } else if (dice < 60) {
                put(region, key);
            } else if (dice < 80) {
                getOrCompute(region, key);
            } else if (dice < 88) {
                remove(region, key);
            } else {
                invalidate(region);
            }
        }
    }

    private String nextValue() {
        return "c" + id + "-" + sequence.incrementAndGet();
    }

    private void get(Region<Object> region, String key) {
        long start = System.nanoTime();
        try {
            Object value = region.get(key);
            Outcome outcome = value == null && policy == FailurePolicy.DEGRADE ? Outcome.UNKNOWN : Outcome.OK;
            record(Kind.GET, region, key, null, (String) value, outcome, start, 0, 0);
        } catch (CacheUnavailableException e) {
            record(Kind.GET, region, key, null, null, Outcome.UNKNOWN, start, 0, 0);
        } catch (RuntimeException e) {
            unexpected(Kind.GET, region, key, null, e, start);
        }
    }

    private void put(Region<Object> region, String key) {
        String value = nextValue();
        long start = System.nanoTime();
        try {
            region.put(key, value);
            record(Kind.PUT, region, key, value, null, policy == FailurePolicy.RAISE ? Outcome.OK : Outcome.UNKNOWN, start, 0, 0);
        } catch (CacheUnavailableException e) {
            record(Kind.PUT, region, key, value, null, Outcome.UNKNOWN, start, 0, 0);
        } catch (RuntimeException e) {
            unexpected(Kind.PUT, region, key, value, e, start);
        }
    }

    private void getOrCompute(Region<Object> region, String key) {
        String value = nextValue();
        long[] loader = new long[2];
        long start = System.nanoTime();
        try {
            Object result = region.getOrCompute(key, () -> {
                loader[0] = System.nanoTime();
                simulateLoad();
                loader[1] = System.nanoTime();
                return value;
            });
            boolean certain = policy == FailurePolicy.RAISE || !value.equals(result);
            record(Kind.GET_OR_COMPUTE, region, key, loader[0] == 0 ? null : value, (String) result,
                    certain ? Outcome.OK : Outcome.UNKNOWN, start, loader[0], loader[1]);
        } catch (CacheUnavailableException e) {
            record(Kind.GET_OR_COMPUTE, region, key, loader[0] == 0 ? null : value, null, Outcome.UNKNOWN, start,
                    loader[0], loader[1]);
        } catch (RuntimeException e) {
            unexpected(Kind.GET_OR_COMPUTE, region, key, value, e, start);
        }
    }

    /** A load takes a while, so that purges land while loaders run. */
    private static void simulateLoad() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void remove(Region<Object> region, String key) {
        long start = System.nanoTime();
        try {
            boolean removed = region.remove(key);
            Outcome outcome = !removed && policy == FailurePolicy.DEGRADE ? Outcome.UNKNOWN : Outcome.OK;
            record(Kind.REMOVE, region, key, null, Boolean.toString(removed), outcome, start, 0, 0);
        } catch (CacheUnavailableException e) {
            record(Kind.REMOVE, region, key, null, null, Outcome.UNKNOWN, start, 0, 0);
        } catch (RuntimeException e) {
            unexpected(Kind.REMOVE, region, key, null, e, start);
        }
    }

    private void invalidate(Region<Object> region) {
        long start = System.nanoTime();
        try {
            if (!dropPurges) {
                region.invalidate();
            }
            record(Kind.INVALIDATE, region, null, null, null, Outcome.OK, start, 0, 0);
        } catch (CacheUnavailableException e) {
            record(Kind.INVALIDATE, region, null, null, null, Outcome.UNKNOWN, start, 0, 0);
        } catch (RuntimeException e) {
            unexpected(Kind.INVALIDATE, region, null, null, e, start);
        }
    }

    private void unexpected(Kind kind, Region<Object> region, String key, String written, RuntimeException e, long start) {
        record(kind, region, key, written, e.toString(), Outcome.UNEXPECTED, start, 0, 0);
    }

    private void record(Kind kind, Region<Object> region, String key, String written, String result, Outcome outcome,
                        long start, long loaderStart, long loaderEnd) {
        history.add(new Op(id, kind, region.name(), key, written, result, outcome, start, System.nanoTime(),
                loaderStart, loaderEnd));
    }
}

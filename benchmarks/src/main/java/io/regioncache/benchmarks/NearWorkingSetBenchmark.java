package io.regioncache.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.regioncache.Codecs;
import io.regioncache.Region;
import io.regioncache.RegionOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * Case 10 at a working size: near hits spread over 8,000 entries (80 regions of 100 keys) of a
 * near cache bounded at 10,000, against a raw Caffeine {@code getIfPresent} of a cache of the same
 * bound holding the same 8,000 values, read in the same shuffled order. Above half its bound a
 * Caffeine cache runs its eviction policy on reads (a read buffer, a frequency sketch), which
 * the one-key case never wakes; this case times both sides with it awake, as a near cache in use
 * runs. Nanoseconds; both sides return the same bytes. Reported without a goal: the near side
 * feeds Caffeine's policy one hit in 16 where the baseline feeds it every read, so the ratio
 * says what that sampling saves, not what the near cache adds (the one-key case says that).
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NearWorkingSetBenchmark extends PairedBenchmark {

    private static final int REGIONS = 80;
    private static final int KEYS_PER_REGION = 100;
    private static final int ENTRIES = REGIONS * KEYS_PER_REGION;
    /** A power of two at least ENTRIES, so that the read order wraps with a mask. */
    private static final int ORDER_LENGTH = Integer.highestOneBit(ENTRIES - 1) << 1;

    private final Region<?>[] regionOf = new Region<?>[ORDER_LENGTH];
    private final String[] keyOf = new String[ORDER_LENGTH];
    private final String[] caffeineKeyOf = new String[ORDER_LENGTH];
    private Cache<String, byte[]> caffeine;
    private int next;

    @Setup
    public void setUp() {
        open("near-working-set");
        caffeine = Caffeine.newBuilder().maximumSize(10_000).build();
        List<Region<byte[]>> regions = IntStream.range(0, REGIONS)
                .mapToObj(index -> redis.nearCache().region("bench.set" + index, RegionOptions.of(Codecs.bytes())))
                .collect(Collectors.toList());
        List<Integer> order = new ArrayList<>();
        for (int index = 0; index < ENTRIES; index++) {
            Region<byte[]> region = regions.get(index / KEYS_PER_REGION);
            String key = "k" + index % KEYS_PER_REGION;
            region.put(key, value);
            caffeine.put(region.name() + "/" + key, value);
            order.add(index);
        }
        Collections.shuffle(order, new Random(42));
        for (int slot = 0; slot < ORDER_LENGTH; slot++) {
            int index = order.get(slot % ENTRIES);
            regionOf[slot] = regions.get(index / KEYS_PER_REGION);
            keyOf[slot] = "k" + index % KEYS_PER_REGION;
            caffeineKeyOf[slot] = regionOf[slot].name() + "/" + keyOf[slot];
        }
        for (int slot = 0; slot < ENTRIES; slot++) {
            @SuppressWarnings("unchecked")
            Region<byte[]> region = (Region<byte[]>) regionOf[slot];
            NearCacheWarmth.awaitNearHit(redis.nearCache(), region, keyOf[slot], value);
            if (!Arrays.equals(caffeine.getIfPresent(caffeineKeyOf[slot]), value)) {
                throw new IllegalStateException("The Caffeine baseline does not hold " + caffeineKeyOf[slot]);
            }
        }
    }

    @Benchmark
    public Object nearGetVsCaffeineGetIfPresent() {
        int slot = next++ & (ORDER_LENGTH - 1);
        return regionTurn() ? regionOf[slot].get(keyOf[slot]) : caffeine.getIfPresent(caffeineKeyOf[slot]);
    }
}

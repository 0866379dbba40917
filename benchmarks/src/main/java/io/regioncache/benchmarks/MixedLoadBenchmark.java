package io.regioncache.benchmarks;

import io.regioncache.Codecs;
import io.regioncache.Region;
import io.regioncache.RegionOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Threads;

/**
 * Case 3: 16 threads sharing one cache, 90% gets and 10% puts over 1,000 keys of 100 B, against the
 * same commands on one multiplexed async Lettuce connection (HGET; HSET + PEXPIRE), each thread
 * waiting for its own replies.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(16)
public class MixedLoadBenchmark extends PairedBenchmark {

    private static final int KEYS = 1_000;
    private static final int PUT_PERCENT = 10;

    private final String[] keys = new String[KEYS];
    private Region<byte[]> region;
    private LettuceBaseline lettuce;
    private String hash;

    @Setup
    public void setUp() {
        open("mixed");
        region = redis.cache().region("bench.mixed",
                RegionOptions.of(Codecs.bytes()).withTimeout(WriteBenchmark.TTL));
        Map<String, byte[]> entries = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "k" + i;
            entries.put(keys[i], value);
        }
        region.putAll(entries);
        hash = redis.hashOf(region);
        lettuce = LettuceBaseline.shared(redis, WriteBenchmark.TTL);
    }

    @Benchmark
    public byte[] regionMixedVsLettuceMixed() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String key = keys[random.nextInt(KEYS)];
        boolean put = random.nextInt(100) < PUT_PERCENT;
        if (regionTurn()) {
            if (put) {
                region.put(key, value);
                return value;
            }
            return region.get(key);
        }
        if (put) {
            lettuce.write(hash, key, value);
            return value;
        }
        return lettuce.hget(hash, key);
    }
}

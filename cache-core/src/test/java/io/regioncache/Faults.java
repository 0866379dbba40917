package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.FaultProxy;
import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.function.Consumer;

/** Timing checks, server counters and near-cache waits shared by the fault suites. */
final class Faults {

    private Faults() {
    }

    /** Runs {@code operation} (which asserts its own result) and checks it returned within {@code bound}. */
    static void assertEachWithin(Duration bound, Runnable operation) {
        long start = System.nanoTime();
        operation.run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("an operation under a fault returned after %d ms", took.toMillis()).isLessThanOrEqualTo(bound);
    }

    /** The PINGs {@code server} has answered so far, from its own command statistics. */
    static long pings(RedisServerProcess server) {
        String stats = server.withCommands(redis -> redis.info("commandstats"));
        return stats.lines().filter(line -> line.startsWith("cmdstat_ping:")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("^cmdstat_ping:calls=(\\d+),.*$", "$1").trim()))
                .orElse(0L);
    }

    /** Waits until reading {@code key} returns {@code value} from {@code cache}'s near cache. */
    static void awaitNearHit(RegionCache cache, Region<String> region, String key, String value) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            long nearHits = cache.stats().nearHits();
            return value.equals(region.get(key)) && cache.stats().nearHits() > nearHits;
        });
    }

    /** Waits until reading {@code key} returns {@code fresh}, failing if a read returns {@code stale} first. */
    static void awaitFreshNeverStale(Region<String> region, String key, String stale, String fresh) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String read = region.get(key);
            assertThat(read).as("a read of %s after the fault", key).isNotEqualTo(stale);
            return fresh.equals(read);
        });
    }

    /**
     * A near cache through {@code proxy} holds {@code k = "before"}; then Redis goes silent, another
     * client writes {@code k = "during"} straight to {@code server}, {@code whileSilent} runs on the
     * near cache's region, the silence ends, and reads must see "during" and never "before".
     */
    static void nearEntryAcrossASilence(RedisServerProcess server, FaultProxy proxy, Duration commandTimeout,
                                        Consumer<Region<String>> whileSilent) {
        try (RegionCache near = RegionCache.builder().redisUrl(proxy.redisUrl()).commandTimeout(commandTimeout)
                .nearCacheSize(100).build();
             RegionCache direct = RegionCache.builder().redisUrl(server.url()).build()) {
            Region<String> region = near.region("r", RegionOptions.of(Codecs.utf8()));
            region.put("k", "before");
            awaitNearHit(near, region, "k", "before");
            proxy.blackHole(true);
            direct.region("r", RegionOptions.of(Codecs.utf8())).put("k", "during");

            whileSilent.accept(region);
            proxy.blackHole(false);
            awaitFreshNeverStale(region, "k", "before", "during");
        }
    }
}

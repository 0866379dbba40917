package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The near cache against the test Redis: whoever writes (another cache, a raw client, a purge of
 * an ancestor), the near cache of this process stops serving the old value within the
 * notification delay, including across a killed connection (a read while it reconnects is the
 * outage logged, quietly).
 */
@ExtendWith(ExpectedOutageLog.class)
class NearCacheIT {

    /** Far below the near cache's own maximum age: only a notification can explain a change seen in time. */
    private static final Duration NOTIFICATION_DELAY = Duration.ofSeconds(5);
    private static final RegionOptions<String> TEXT = RegionOptions.of(Codecs.utf8());

    private final String prefix = TestRedis.uniquePrefix(NearCacheIT.class);
    private final String clientName = "near-" + UUID.randomUUID();
    private final List<RegionCache> caches = new ArrayList<>();

    @AfterEach
    void closeCaches() {
        caches.forEach(RegionCache::close);
        TestRedis.deleteKeys(prefix);
    }

    private RegionCache nearCache() {
        return open(RegionCache.builder().redisUrl(TestRedis.url() + "?clientName=" + clientName).nearCacheSize(1_000));
    }

    private RegionCache plainCache() {
        return open(RegionCache.builder().redisUrl(TestRedis.url()));
    }

    private RegionCache open(RegionCache.Builder builder) {
        RegionCache cache = builder.keyPrefix(prefix).build();
        caches.add(cache);
        return cache;
    }

    /**
     * Reads until a read of {@code expected} is served by the near cache, proving the value is held
     * there (a read that left before the push of a write it raced is not installed, so this may
     * take a read or two).
     */
    private static void holdNear(RegionCache cache, Region<String> region, String key, String expected) {
        await().atMost(NOTIFICATION_DELAY).untilAsserted(() -> {
            long nearHits = cache.stats().nearHits();
            assertThat(region.get(key)).isEqualTo(expected);
            assertThat(cache.stats().nearHits()).as("served from the near cache").isEqualTo(nearHits + 1);
        });
    }

    @Test
    void aWriteByAnotherCacheReachesTheNearCache() {
        RegionCache near = nearCache();
        Region<String> mine = near.region("users.42", TEXT);
        Region<String> theirs = plainCache().region("users.42", TEXT);
        theirs.put("name", "Ada");
        holdNear(near, mine, "name", "Ada");

        theirs.put("name", "Grace");

        await().atMost(NOTIFICATION_DELAY).untilAsserted(() -> assertThat(mine.get("name")).isEqualTo("Grace"));
        CacheStats stats = near.stats();
        assertThat(stats.nearHits()).isPositive().isLessThanOrEqualTo(stats.hits());
    }

    /** The near cache counts its hits itself; with stats off, the cache reports none of them. */
    @Test
    void withStatsOffNearHitsAreNotReported() {
        RegionCache counting = nearCache();
        RegionCache silent = open(RegionCache.builder().redisUrl(TestRedis.url()).nearCacheSize(1_000).recordStats(false));
        counting.region("users.7", TEXT).put("name", "Ada");
        holdNear(counting, counting.region("users.7", TEXT), "name", "Ada");
        Region<String> region = silent.region("users.7", TEXT);

        for (int read = 0; read < 100; read++) {
            assertThat(region.get("name")).isEqualTo("Ada");
        }

        assertThat(silent.context().near().hits()).as("hits the near cache served").isGreaterThanOrEqualTo(99);
        assertThat(silent.stats().nearHits()).isZero();
        assertThat(silent.stats().hits()).isZero();
    }

    /** Redis tracks keys and a region is one hash: a write to one key drops the region's other entries too. */
    @Test
    void aWriteToOneKeyDropsTheRegionsOtherEntries() {
        RegionCache near = nearCache();
        Region<String> mine = near.region("users.42", TEXT);
        Region<String> theirs = plainCache().region("users.42", TEXT);
        theirs.putAll(Map.of("name", "Ada", "city", "London"));
        holdNear(near, mine, "name", "Ada");
        holdNear(near, mine, "city", "London");

        theirs.put("name", "Grace");
        await().atMost(NOTIFICATION_DELAY).untilAsserted(() -> assertThat(mine.get("name")).isEqualTo("Grace"));

        long nearHits = near.stats().nearHits();
        assertThat(mine.get("city")).isEqualTo("London");
        assertThat(near.stats().nearHits()).as("city was read from Redis again").isEqualTo(nearHits);
    }

    @Test
    void aRawHsetAndARawDelReachTheNearCache() {
        RegionCache near = nearCache();
        Region<String> mine = near.region("users.42", TEXT);
        mine.put("name", "Ada");
        holdNear(near, mine, "name", "Ada");

        TestRedis.withCommands(redis -> redis.hset(prefix + "root.users.42", "name", "Grace"));
        await().atMost(NOTIFICATION_DELAY).untilAsserted(() -> assertThat(mine.get("name")).isEqualTo("Grace"));
        holdNear(near, mine, "name", "Grace");

        TestRedis.withCommands(redis -> redis.del(prefix + "root.users.42"));
        await().atMost(NOTIFICATION_DELAY).untilAsserted(() -> assertThat(mine.get("name")).isNull());
    }

    @Test
    void aPurgeOfAnAncestorByAnotherCacheDropsTheDescendantsEntries() {
        RegionCache near = nearCache();
        Region<String> profile = near.region("users.42.profile", TEXT);
        Region<String> user = near.region("users.42", TEXT);
        profile.put("bio", "maths");
        user.put("name", "Ada");
        holdNear(near, profile, "bio", "maths");
        holdNear(near, user, "name", "Ada");

        plainCache().region("users").invalidate();

        await().atMost(NOTIFICATION_DELAY).untilAsserted(() -> {
            assertThat(profile.get("bio")).isNull();
            assertThat(user.get("name")).isNull();
        });
    }

    /**
     * A purge replaces the purged region's generation before it deletes any hash, and the near
     * cache tracks the generations of what it holds: that one push drops the whole subtree, so no
     * read sees some descendants purged and others not while the hashes' pushes follow.
     */
    @Test
    void theFirstPushOfAPurgeDropsTheWholeSubtreeAtOnce() {
        RegionCache near = nearCache();
        Region<String> users = near.region("users", TEXT);
        Region<String> user = near.region("users.42", TEXT);
        Region<String> profile = near.region("users.42.profile", TEXT);
        Region<String> orders = near.region("orders", TEXT);
        users.put("count", "1");
        user.put("name", "Ada");
        profile.put("bio", "maths");
        orders.put("last", "7");
        holdNear(near, users, "count", "1");
        holdNear(near, user, "name", "Ada");
        holdNear(near, profile, "bio", "maths");
        holdNear(near, orders, "last", "7");

        // The purge's first write alone, by another client: every hash stays in Redis.
        TestRedis.withCommands(redis -> redis.set(prefix + "root.users" + RedisKeyLayout.GENERATION_SUFFIX, "purged elsewhere"));

        await().atMost(NOTIFICATION_DELAY).untilAsserted(() -> {
            long nearHits = near.stats().nearHits();
            assertThat(profile.get("bio")).isEqualTo("maths");
            assertThat(near.stats().nearHits()).as("the deepest region read from Redis").isEqualTo(nearHits);
        });
        long nearHits = near.stats().nearHits();
        assertThat(users.get("count")).isEqualTo("1");
        assertThat(user.get("name")).isEqualTo("Ada");
        assertThat(near.stats().nearHits()).as("the region and its other descendant dropped by the same push").isEqualTo(nearHits);
        assertThat(orders.get("last")).isEqualTo("7");
        assertThat(near.stats().nearHits()).as("a region outside the subtree still served near").isEqualTo(nearHits + 1);
    }

    @Test
    void getAllServesWhatTheNearCacheHoldsAndReadsOnlyTheRest() {
        RegionCache near = nearCache();
        Region<String> mine = near.region("users.42", TEXT);
        Region<String> theirs = plainCache().region("users.42", TEXT);
        theirs.putAll(Map.of("name", "Ada", "city", "London"));
        holdNear(near, mine, "name", "Ada");
        CacheStats before = near.stats();

        assertThat(mine.getAll(List.of("missing", "city", "name")))
                .containsExactly(Map.entry("city", "London"), Map.entry("name", "Ada"));

        CacheStats after = near.stats();
        assertThat(after.nearHits() - before.nearHits()).as("name served near").isEqualTo(1);
        assertThat(after.hits() - before.hits()).as("name near, city from Redis").isEqualTo(2);
        assertThat(after.misses() - before.misses()).isEqualTo(1);
        assertThat(mine.getAll(List.of("city", "name"))).containsExactly(Map.entry("city", "London"), Map.entry("name", "Ada"));
        assertThat(near.stats().nearHits() - after.nearHits()).as("city installed near by the first getAll").isEqualTo(2);

        theirs.put("city", "Paris");
        await().atMost(NOTIFICATION_DELAY).untilAsserted(() -> assertThat(mine.getAll(List.of("city", "name")))
                .containsExactly(Map.entry("city", "Paris"), Map.entry("name", "Ada")));
    }

    @Test
    void aProcessSeesItsOwnWritesAtOnce() {
        RegionCache near = nearCache();
        Region<String> mine = near.region("users.42", TEXT);
        mine.put("name", "Ada");
        holdNear(near, mine, "name", "Ada");

        mine.put("name", "Grace");
        assertThat(mine.get("name")).isEqualTo("Grace");
        holdNear(near, mine, "name", "Grace");

        assertThat(mine.remove("name")).isTrue();
        assertThat(mine.get("name")).isNull();

        mine.put("name", "Edsger");
        holdNear(near, mine, "name", "Edsger");
        near.region("users").invalidate();
        assertThat(mine.get("name")).isNull();
    }

    /**
     * Another process removed the value this near cache holds; the push saying so may still be
     * on its way when this process's putIfAbsent stores a new one, which must be read back at once.
     */
    @Test
    void aPutIfAbsentOfThisProcessIsReadBackAtOnceAndAnswersFromRedisNotFromTheNearCache() {
        RegionCache near = nearCache();
        Region<String> mine = near.region("users.42", TEXT);
        Region<String> theirs = plainCache().region("users.42", TEXT);
        mine.put("name", "Ada");
        holdNear(near, mine, "name", "Ada");

        assertThat(theirs.remove("name")).isTrue();
        assertThat(mine.putIfAbsent("name", "Grace")).isNull();
        assertThat(mine.get("name")).isEqualTo("Grace");

        holdNear(near, mine, "name", "Grace");
        assertThat(mine.putIfAbsent("name", "Edsger")).isEqualTo("Grace");
        assertThat(theirs.get("name")).isEqualTo("Grace");
    }

    @Test
    void afterTheConnectionIsKilledAWriteMadeMeanwhileIsSeenAndTrackingWorksAgain() {
        RegionCache near = nearCache();
        Region<String> mine = near.region("users.42", TEXT);
        Region<String> theirs = plainCache().region("users.42", TEXT);
        theirs.put("name", "Ada");
        holdNear(near, mine, "name", "Ada");

        long killed = TestRedis.withCommands(redis -> redis.clientKill(io.lettuce.core.KillArgs.Builder.id(clientIdOf(redis))));
        assertThat(killed).isEqualTo(1);
        theirs.put("name", "Grace");

        await().atMost(NOTIFICATION_DELAY).untilAsserted(() -> assertThat(mine.get("name")).isEqualTo("Grace"));
        holdNear(near, mine, "name", "Grace");
        theirs.put("name", "Barbara");
        await().atMost(NOTIFICATION_DELAY).untilAsserted(() -> assertThat(mine.get("name")).isEqualTo("Barbara"));
        holdNear(near, mine, "name", "Barbara");
    }

    private long clientIdOf(io.lettuce.core.api.sync.RedisCommands<String, String> redis) {
        return redis.clientList().lines().filter(line -> line.contains(" name=" + clientName + " "))
                .map(line -> Long.parseLong(line.replaceAll("^id=(\\d+) .*$", "$1")))
                .findFirst().orElseThrow(() -> new AssertionError("no connection named " + clientName));
    }

    @Test
    void aWriterRacingReadersSettlesOnTheLastWrite() throws Exception {
        RegionCache near = nearCache();
        Region<String> mine = near.region("users.42", TEXT);
        Region<String> theirs = plainCache().region("users.42", TEXT);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                reads.add(readers.submit(() -> {
                    while (writing.get()) {
                        mine.get("counter");
                    }
                }));
            }
            for (int i = 0; i <= 500; i++) {
                theirs.put("counter", Integer.toString(i));
            }
            writing.set(false);
            for (Future<?> read : reads) {
                read.get(10, TimeUnit.SECONDS);
            }
        } finally {
            readers.shutdown();
            assertThat(readers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        await().atMost(NOTIFICATION_DELAY).untilAsserted(() -> assertThat(mine.get("counter")).isEqualTo("500"));
        holdNear(near, mine, "counter", "500");
    }

    @Test
    void aRegionThatOptsOutIsNeverServedNear() {
        RegionCache near = nearCache();
        Region<String> optedOut = near.region("users.42", TEXT.withNearCache(false));
        optedOut.put("name", "Ada");
        for (int i = 0; i < 3; i++) {
            assertThat(optedOut.get("name")).isEqualTo("Ada");
        }
        assertThat(near.stats().nearHits()).isZero();
        assertThat(near.stats().hits()).isEqualTo(3);
    }

    @Test
    void getOrComputeIsServedNearToo() {
        RegionCache near = nearCache();
        Region<String> mine = near.region("users.42", TEXT);
        assertThat(mine.getOrCompute("name", () -> "Ada")).isEqualTo("Ada");
        // The push of its own write may land after the next read left, which then is not installed.
        await().atMost(NOTIFICATION_DELAY).untilAsserted(() -> {
            assertThat(mine.getOrCompute("name", () -> "loaded again")).isEqualTo("Ada");
            assertThat(near.stats().nearHits()).isPositive();
        });
        assertThat(near.stats().loads()).isEqualTo(1);
    }

    @Test
    void aNegativeSizeIsRefusedAndTheEnvironmentSetsIt() {
        assertThatThrownBy(() -> RegionCache.builder().nearCacheSize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> RegionCache.fromEnvironment(Map.of(EnvironmentSettings.URL, TestRedis.url(),
                EnvironmentSettings.NEAR_CACHE_SIZE, "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REGION_CACHE_NEAR_CACHE_SIZE")
                .hasMessageContaining("many");
        try (RegionCache fromEnvironment = RegionCache.fromEnvironment(Map.of(EnvironmentSettings.URL, TestRedis.url(),
                EnvironmentSettings.KEY_PREFIX, prefix, EnvironmentSettings.NEAR_CACHE_SIZE, "10"))) {
            Region<String> region = fromEnvironment.region("env", TEXT);
            region.put("k", "v");
            await().atMost(NOTIFICATION_DELAY).untilAsserted(() -> {
                assertThat(region.get("k")).isEqualTo("v");
                assertThat(fromEnvironment.stats().nearHits()).isPositive();
            });
        }
    }
}

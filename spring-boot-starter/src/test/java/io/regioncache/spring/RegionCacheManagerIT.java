package io.regioncache.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.regioncache.RegionCache;
import io.regioncache.signals.Signals;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The starter in a Boot application on the test Redis, through {@code @Cacheable} and the properties. */
@SpringBootTest(classes = CachingApplication.class, properties = {
        "region-cache.regions.users.ttl=10m",
        "region-cache.regions.names.codec=utf8",
        "region-cache.regions.cards.codec=json",
        "region-cache.regions.cards.value-type=io.regioncache.spring.Directory$Card",
        "region-cache.regions.users.invalidate-on[0]=local:" + RegionCacheManagerIT.LOCAL_SIGNAL})
class RegionCacheManagerIT {

    static final String LOCAL_SIGNAL = "region-cache-manager-it-users-saved";
    private static final String PREFIX = TestRedis.uniquePrefix(RegionCacheManagerIT.class);
    private static final String CHANNEL = PREFIX + "orders";

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("region-cache.url", TestRedis::url);
        registry.add("region-cache.key-prefix", () -> PREFIX);
        registry.add("region-cache.regions.orders.invalidate-on", () -> TestRedis.url() + "?channel=" + CHANNEL);
    }

    @Autowired
    private Directory directory;
    @Autowired
    private CacheManager cacheManager;
    @Autowired
    private RegionCache regionCache;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    @Qualifier("regionCacheHealthIndicator")
    private HealthIndicator health;

    @AfterAll
    static void deleteKeys() {
        TestRedis.deleteKeys(PREFIX);
    }

    @Test
    void runsOnTheLettuceThatBootManagesAndReplacesBootsCacheManager() {
        String bootsLettuce = System.getProperty("boot.lettuce.version");
        assertThat(bootsLettuce).as("the build passes Boot's managed Lettuce version").isNotBlank();
        assertThat(RedisClient.class.getPackage().getImplementationVersion()).startsWith(bootsLettuce);
        assertThat(cacheManager).isInstanceOf(RegionCacheManager.class);
        assertThat(cacheManager.getCacheNames()).contains("users", "orders");
    }

    @Test
    void cacheableCallsTheMethodOncePerKeyAndStoresUnderATypedKey() {
        int before = directory.userLoads();
        assertThat(directory.user(1)).isEqualTo("user-1");
        assertThat(directory.user(1)).isEqualTo("user-1");
        assertThat(directory.user(2)).isEqualTo("user-2");
        assertThat(directory.userLoads() - before).isEqualTo(2);
        List<String> fields = TestRedis.withCommands(redis -> redis.hkeys(PREFIX + "root.users"));
        assertThat(fields).contains("~Long:1", "~Long:2");
    }

    @Test
    void bootsCacheMetricsCountWhatWentThroughEachConfiguredCache() {
        double hits = usersMeter("cache.gets", "hit");
        double misses = usersMeter("cache.gets", "miss");
        directory.user(50);
        directory.user(50);
        directory.user(50);
        assertThat(usersMeter("cache.gets", "hit") - hits).isEqualTo(2);
        assertThat(usersMeter("cache.gets", "miss") - misses).isEqualTo(1);
        assertThat(meters.get("cache.puts").tag("cache", "users").tag("cache.manager", "cacheManager")
                .functionCounter().count()).isPositive();
    }

    private double usersMeter(String name, String result) {
        return meters.get(name).tag("cache", "users").tag("result", result).functionCounter().count();
    }

    @Test
    void evictingAllEntriesOfAParentPurgesItsDescendants() {
        directory.user(10);
        directory.profile("ada");
        int users = directory.userLoads();
        int profiles = directory.profileLoads();

        directory.purgeUsers();

        long remaining = TestRedis.withCommands(redis -> redis.exists(PREFIX + "root.users", PREFIX + "root.users.profiles"));
        assertThat(remaining).isZero();
        directory.user(10);
        directory.profile("ada");
        assertThat(directory.userLoads()).isEqualTo(users + 1);
        assertThat(directory.profileLoads()).isEqualTo(profiles + 1);
    }

    @Test
    void evictingOneKeyTakesEffectAtOnce() {
        directory.user(20);
        Cache users = cacheManager.getCache("users");
        assertThat(users.get(20L)).isNotNull();
        directory.forgetUser(20);
        assertThat(users.get(20L)).isNull();
        assertThat(users.evictIfPresent(20L)).isFalse();
    }

    @Test
    void aNullResultIsCachedAndTellsItselfApartFromAMiss() {
        int before = directory.absentLoads();
        assertThat(directory.absent("nobody")).isNull();
        assertThat(directory.absent("nobody")).isNull();
        assertThat(directory.absentLoads() - before).isEqualTo(1);

        Cache absent = cacheManager.getCache("absent");
        Cache.ValueWrapper cachedNull = absent.get("nobody");
        assertThat(cachedNull).isNotNull();
        assertThat(cachedNull.get()).isNull();
        assertThat(absent.get("never-asked")).isNull();
    }

    @Test
    void aUtf8RegionStoresPlainTextAndStillTellsACachedNullFromAMiss() {
        Cache names = cacheManager.getCache("names");
        names.put("ada", "Ada Lovelace");
        names.put("nobody", null);
        String stored = TestRedis.withCommands(redis -> redis.hget(PREFIX + "root.names", "ada"));
        assertThat(stored).isEqualTo("Ada Lovelace");
        assertThat(names.get("ada").get()).isEqualTo("Ada Lovelace");
        assertThat(names.get("nobody")).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
        assertThatThrownBy(() -> names.put("count", 42L))
                .isInstanceOf(io.regioncache.CodecException.class)
                .hasMessageContaining("Codecs.utf8()");
        assertThat(names.get("count")).isNull();
    }

    @Test
    void aJsonRegionStoresJsonAndReadsBackTheConfiguredType() {
        int before = directory.cardLoads();
        assertThat(directory.card("ada")).isEqualTo(new Directory.Card("ada", 3));
        assertThat(directory.card("ada")).isEqualTo(new Directory.Card("ada", 3));
        assertThat(directory.cardLoads() - before).isEqualTo(1);
        String stored = TestRedis.withCommands(redis -> redis.hget(PREFIX + "root.cards", "ada"));
        assertThat(stored).isEqualTo("{\"name\":\"ada\",\"level\":3}");
    }

    @Test
    void completableFutureMethodsAreCachedThroughTheAsyncApi() {
        int before = directory.asyncLoads();
        assertThat(directory.asyncOrder("o-7").join()).isEqualTo("order o-7");
        assertThat(directory.asyncOrder("o-7").join()).isEqualTo("order o-7");
        assertThat(directory.asyncLoads() - before).isEqualTo(1);
        assertThat(cacheManager.getCache("orders.async").retrieve("o-7").join())
                .isInstanceOf(Cache.ValueWrapper.class)
                .extracting(wrapper -> ((Cache.ValueWrapper) wrapper).get()).isEqualTo("order o-7");
        assertThat(cacheManager.getCache("orders.async").retrieve("o-never")).succeedsWithin(Duration.ofSeconds(5))
                .isNull();
    }

    @Test
    void aFailingNonBlockingLoadFailsItsFutureAndStoresNothing() {
        Cache orders = cacheManager.getCache("orders.async");
        CompletableFuture<String> failed = orders.retrieve("o-fail",
                () -> CompletableFuture.failedFuture(new IllegalStateException("database down")));
        assertThat(failed).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingRootCause()
                .isInstanceOf(IllegalStateException.class).withMessage("database down");
        assertThat(orders.get("o-fail")).isNull();
    }

    @Test
    void eightCallersOfANonBlockingSyncMethodShareOneLoad() {
        int before = directory.asyncLoads();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(directory.slowAsyncOrder("o-8"));
        }
        directory.completeSlowAsyncLoad("order o-8");
        results.forEach(result -> assertThat(result).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("order o-8"));
        assertThat(directory.asyncLoads() - before).isEqualTo(1);
    }

    @Test
    void theWholeCachesMetersAreBoundWithTheTagKeysOfBootsCacheMeters() {
        double loads = meters.get("cache.loads").tag("cache", RegionCacheMetricsAutoConfiguration.CACHE_TAG)
                .tag("result", "success").functionCounter().count();
        cacheManager.getCache("users").get("metered", () -> "loaded");
        assertThat(meters.get("cache.loads").tag("cache", RegionCacheMetricsAutoConfiguration.CACHE_TAG)
                .tag("result", "success").functionCounter().count()).isEqualTo(loads + 1);
        assertThat(meters.find("cache.gets").meters()).extracting(meter -> meter.getId().getTags().stream()
                .map(io.micrometer.core.instrument.Tag::getKey).sorted().toList())
                .containsOnly(List.of("cache", "cache.manager", "name", "result"));
    }

    @Test
    void aValueOfAnotherTypeThanAskedIsAnIllegalStateException() {
        Cache users = cacheManager.getCache("users");
        users.put("typed", "text");
        assertThat(users.get("typed", String.class)).isEqualTo("text");
        assertThatThrownBy(() -> users.get("typed", Integer.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void eightThreadsMissingAtOnceWithSyncLoadOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> directory.slow("k")));
            }
            // Release the load only once the seven others wait for it (or have loaded too, which fails below).
            await().atMost(Duration.ofSeconds(20)).until(() -> directory.slowLoads() > 1
                    || (directory.slowLoads() == 1 && threadsWaitingForALoad() == threads - 1));
            directory.releaseSlowLoad();
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("loaded k");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(directory.slowLoads()).isEqualTo(1);
    }

    @Test
    void aFailingLoadIsAValueRetrievalExceptionAndStoresNothing() {
        Cache users = cacheManager.getCache("users");
        assertThatThrownBy(() -> users.get("failing", () -> {
            throw new java.io.IOException("database down");
        })).isInstanceOf(Cache.ValueRetrievalException.class).hasRootCauseMessage("database down");
        assertThat(users.get("failing")).isNull();
        assertThat(users.get("failing", () -> "loaded")).isEqualTo("loaded");
    }

    private static long threadsWaitingForALoad() {
        return Thread.getAllStackTraces().values().stream()
                .filter(stack -> Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(RegionSpringCache.class.getName())
                        && frame.getMethodName().equals("await")))
                .count();
    }

    @Test
    void aRegionWithoutATtlOfItsOwnTakesItsAncestorsTtl() {
        directory.profile("grace");
        long millis = TestRedis.withCommands(redis -> redis.pttl(PREFIX + "root.users.profiles"));
        assertThat(millis).isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
        assertThat(regionCache.region("users.profiles").timeToLive()).isPresent();
    }

    @Test
    void aLocalSignalNamedInThePropertiesPurgesItsRegion() {
        directory.user(30);
        int before = directory.userLoads();
        Signals.named(LOCAL_SIGNAL).send("user 30 saved");
        directory.user(30);
        assertThat(directory.userLoads()).isEqualTo(before + 1);
    }

    @Test
    void aRedisPubSubSignalNamedInThePropertiesPurgesItsRegion() {
        Cache orders = cacheManager.getCache("orders");
        orders.put("o-1", "open");
        // The subscription is made at start-up; publish until its first message has been applied.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            TestRedis.withCommands(redis -> redis.publish(CHANNEL, "order o-1 changed"));
            assertThat(orders.get("o-1")).isNull();
        });
    }

    @Test
    void healthIsUpAndListsTheBindings() {
        Health report = health.health();
        assertThat(report.getStatus()).isEqualTo(Status.UP);
        @SuppressWarnings("unchecked")
        Map<String, List<String>> bindings = (Map<String, List<String>>) report.getDetails().get("bindings");
        assertThat(bindings).containsEntry("root.users", List.of("local:" + LOCAL_SIGNAL))
                .containsEntry("root.orders", List.of("redis:" + CHANNEL));
    }
}

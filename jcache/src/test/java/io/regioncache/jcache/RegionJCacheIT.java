package io.regioncache.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.testsupport.TestRedis;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the provider adds to the TCK's single-process view, against the test Redis: two providers
 * stand for two processes sharing it.
 */
class RegionJCacheIT {

    private static final String PREFIX = TestRedis.uniquePrefix(RegionJCacheIT.class);
    private static final URI REDIS = URI.create(TestRedis.url() + "?prefix=" + PREFIX + "&sweepInterval=PT0.2S");

    private RegionCachingProvider processA;
    private RegionCachingProvider processB;
    private CacheManager managerA;
    private CacheManager managerB;

    @BeforeEach
    void open() {
        processA = new RegionCachingProvider();
        processB = new RegionCachingProvider();
        managerA = processA.getCacheManager(REDIS, getClass().getClassLoader());
        managerB = processB.getCacheManager(REDIS, getClass().getClassLoader());
    }

    @AfterEach
    void close() {
        processA.close();
        processB.close();
    }

    @AfterAll
    static void deleteKeys() {
        TestRedis.deleteKeys(PREFIX);
    }

    @Test
    void listenersHearTheChangesOfAnotherProcess() {
        Cache<String, String> writer = managerA.createCache("it.events", new MutableConfiguration<String, String>());
        Cache<String, String> listened = managerB.createCache("it.events", new MutableConfiguration<String, String>());
        listened.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(new Recorder()), null, true, false));

        writer.put("alice", "v1");
        writer.put("alice", "v2");
        writer.remove("alice");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Recorder.HEARD)
                .containsExactly("CREATED alice v1 null", "UPDATED alice v2 v1", "REMOVED alice v2 v2"));
    }

    @Test
    void anEntryProcessorIsAtomicPerKeyAcrossProcesses() throws Exception {
        Cache<String, Integer> a = managerA.createCache("it.counter", new MutableConfiguration<String, Integer>());
        Cache<String, Integer> b = managerB.createCache("it.counter", new MutableConfiguration<String, Integer>());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new CopyOnWriteArrayList<>();
            for (Cache<String, Integer> cache : List.of(a, b, a, b)) {
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        cache.invoke("hits", (entry, args) -> {
                            entry.setValue(entry.exists() ? entry.getValue() + 1 : 1);
                            return null;
                        });
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(b.get("hits")).isEqualTo(400);
    }

    @Test
    void purgingAParentRegionEmptiesEveryCacheBelowIt() {
        Cache<String, String> users = managerA.createCache("com.acme.User", new MutableConfiguration<String, String>());
        Cache<String, String> orders = managerA.createCache("com.acme.User.orders", new MutableConfiguration<String, String>());
        Cache<String, String> other = managerA.createCache("com.other", new MutableConfiguration<String, String>());
        users.put("1", "alice");
        orders.put("1", "order-7");
        other.put("1", "kept");

        managerB.unwrap(RegionCache.class).region("com.acme").invalidate();

        assertThat(users.get("1")).isNull();
        assertThat(orders.get("1")).isNull();
        assertThat(other.get("1")).isEqualTo("kept");
    }

    @Test
    void anExpiredEntryIsGoneOnReadAndTheSweepRemovesOnesNobodyReads() {
        MutableConfiguration<String, String> shortLived = new MutableConfiguration<String, String>()
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 300)));
        Cache<String, String> cache = managerA.createCache("it.expiry", shortLived);
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(new Recorder()), null, true, true));
        cache.put("read", "r");
        cache.put("unread", "u");
        String hash = PREFIX + cache.unwrap(Region.class).name();

        await().atMost(Duration.ofSeconds(10)).until(() -> cache.get("read") == null);
        await().atMost(Duration.ofSeconds(10)).until(
                () -> !TestRedis.withCommands(redis -> redis.hexists(hash, "s:unread")));
        // The sweep fires its event just after its removal: wait for it too.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Recorder.HEARD)
                .contains("EXPIRED read r r", "EXPIRED unread u u"));
    }

    @Test
    void aCacheNameThatIsNoRegionPathIsEncodedIntoOneSegment() {
        Cache<String, String> cache = managerA.createCache("new cache", new MutableConfiguration<String, String>());
        cache.put("k", "v");

        assertThat(cache.unwrap(Region.class).name()).isEqualTo("root.new%20cache");
        assertThat(managerB.createCache("new cache", new MutableConfiguration<String, String>()).get("k")).isEqualTo("v");
    }

    @Test
    void aValueOutsideTheSerialFilterIsRefusedAndNothingIsStored() {
        Cache<String, Object> cache = managerA.createCache("it.filtered", new MutableConfiguration<>());

        assertThatThrownBy(() -> cache.put("k", new Recorder()))
                .isInstanceOf(javax.cache.CacheException.class).hasMessageContaining(Recorder.class.getName());
        assertThat(cache.containsKey("k")).isFalse();
    }

    @Test
    void anInMemoryManagerKeepsItsCachesInThisProcess() {
        CacheManager memory = processA.getCacheManager(URI.create("memory:it"), getClass().getClassLoader());
        Cache<String, String> cache = memory.createCache("it.memory", new MutableConfiguration<String, String>());
        cache.put("k", "v");

        assertThat(cache.get("k")).isEqualTo("v");
        assertThatThrownBy(() -> memory.unwrap(RegionCache.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in memory");
    }

    @Test
    void closingTheProviderStopsEveryThreadItsManagersStarted() {
        managerA.createCache("it.threads", new MutableConfiguration<String, String>()).put("k", "v");

        processA.close();
        processB.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().startsWith("region-jcache-")));
    }

    /** Records what it hears, as "TYPE key value oldValue". */
    public static final class Recorder implements CacheEntryCreatedListener<String, Object>,
            CacheEntryUpdatedListener<String, Object>, CacheEntryRemovedListener<String, Object>,
            CacheEntryExpiredListener<String, Object>, java.io.Serializable {

        static final List<String> HEARD = new CopyOnWriteArrayList<>();

        Recorder() {
            HEARD.clear();
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ?>> events) {
            record(events);
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ?>> events) {
            record(events);
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends String, ?>> events) {
            record(events);
        }

        @Override
        public void onExpired(Iterable<CacheEntryEvent<? extends String, ?>> events) {
            record(events);
        }

        private static void record(Iterable<CacheEntryEvent<? extends String, ?>> events) {
            for (CacheEntryEvent<? extends String, ?> event : events) {
                EventType type = event.getEventType();
                HEARD.add(type + " " + event.getKey() + " " + event.getValue() + " " + event.getOldValue());
            }
        }
    }
}

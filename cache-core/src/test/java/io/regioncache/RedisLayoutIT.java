package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Wire compatibility with Python region_cache, read straight from Redis. With the default key
 * prefix "" each test takes a root name of its own, so its keys cannot meet anyone else's.
 */
class RedisLayoutIT {

    private final String root = "it-layout-" + UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = TestRedis.uniquePrefix(RedisLayoutIT.class);
    private final RegionCache cache = RegionCache.builder().redisUrl(TestRedis.url()).rootName(root).build();

    @AfterEach
    void cleanUp() {
        cache.close();
        TestRedis.deleteKeys(root);
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void regionsAreHashesLinkedByChildCachesSetsOfFullNames() {
        cache.region("users.42", RegionOptions.of(Codecs.utf8())).put("name", "Ada");

        TestRedis.withCommands(redis -> {
            assertThat(redis.hgetall(root + ".users.42")).isEqualTo(Map.of("name", "Ada"));
            assertThat(redis.smembers(root + "::child_caches")).containsExactly(root + ".users");
            assertThat(redis.smembers(root + ".users::child_caches")).containsExactly(root + ".users.42");
            assertThat(redis.keys(root + "*")).containsExactlyInAnyOrder(root + ".users.42", root + "::child_caches",
                    root + ".users::child_caches");
            return null;
        });
    }

    @Test
    void aKeyPrefixPrefixesEveryKeyButNotTheChildNames() {
        try (RegionCache prefixed = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).build()) {
            prefixed.region("a.b", RegionOptions.of(Codecs.utf8())).put("k", "v");
        }

        TestRedis.withCommands(redis -> {
            assertThat(redis.hget(prefix + "root.a.b", "k")).isEqualTo("v");
            assertThat(redis.smembers(prefix + "root::child_caches")).containsExactly("root.a");
            assertThat(redis.smembers(prefix + "root.a::child_caches")).containsExactly("root.a.b");
            return null;
        });
    }

    @Test
    void creatingRegionObjectsWritesNothing() {
        cache.region("a.b.c").region("d");
        cache.root().region("e", RegionOptions.of(Codecs.utf8())).options();

        assertThat(keysOfThisTest()).isEmpty();
    }

    @Test
    void regionsWrittenByPythonAreReadAndPurged() {
        // What region_cache writes: a creation timestamp field in every hash, full child names.
        TestRedis.withCommands(redis -> {
            redis.hset(root + ".py", Map.of("__cache_region_created_at__", "2024-05-01T10:00:00", "k", "v"));
            redis.sadd(root + "::child_caches", root + ".py");
            redis.sadd(root + ".py::child_caches", root + ".py.child");
            redis.hset(root + ".py.child", Map.of("__cache_region_created_at__", "2024-05-01T10:00:00", "x", "y"));
            return null;
        });
        Region<String> python = cache.region("py", RegionOptions.of(Codecs.utf8()));

        assertThat(python.keys()).containsExactly("k");
        assertThat(python.size()).isEqualTo(1);
        assertThat(python.get("k")).isEqualTo("v");
        assertThat(python.children()).extracting(Region::name).containsExactly(root + ".py.child");

        cache.clear();

        assertThat(keysOfThisTest()).containsExactly(root + "::generation");
    }

    @Test
    void invalidationLeavesOnlyTheGenerationTokenBehind() {
        cache.region("a.b").put("k", 1);
        cache.region("a.c").put("k", 2);

        cache.region("a").invalidate();
        cache.region("a").invalidate();

        TestRedis.withCommands(redis -> {
            assertThat(redis.keys(root + "*")).containsExactlyInAnyOrder(root + ".a::generation");
            assertThat(redis.get(root + ".a::generation")).as("a fresh random token").hasSize(36);
            assertThat(redis.pttl(root + ".a::generation")).as("generation keys live 7 days")
                    .isBetween(Duration.ofDays(7).minusMinutes(1).toMillis(), Duration.ofDays(7).toMillis());
            return null;
        });
    }

    @Test
    void anEvictedGenerationCannotComeBackToTheValueALoadRead() {
        Region<Object> region = cache.region("a");
        region.invalidate();

        Object loaded = region.getOrCompute("k", () -> {
            // Eviction (allkeys-lru) of the generation key, then a purge: a counter would be back
            // at the value read before the load.
            TestRedis.withCommands(redis -> redis.del(root + ".a::generation"));
            region.invalidate();
            return "stale";
        });

        assertThat(loaded).isEqualTo("stale");
        assertThat(region.get("k")).as("the load raced an invalidation and must not be stored").isNull();
    }

    @Test
    void aKeysInvalidationSetsAFreshTokenWithATimeToLive() {
        Region<Object> region = cache.region("a");
        region.put("k", 1);
        region.put("other", 2);
        String before = TestRedis.withCommands(redis -> redis.get(root + ".a::generation"));

        ((CacheRegion<?>) region.async()).apply(Invalidation.keys(List.of("k"))).join();

        assertThat(region.get("k")).isNull();
        assertThat(region.get("other")).isEqualTo(2);
        TestRedis.withCommands(redis -> {
            assertThat(redis.get(root + ".a::generation")).hasSize(36).isNotEqualTo(before);
            assertThat(redis.pttl(root + ".a::generation")).isGreaterThan(Duration.ofDays(6).toMillis());
            return null;
        });
    }

    @Test
    void childSetsThatLinkToThemselvesDoNotStopAnInvalidation() {
        TestRedis.withCommands(redis -> {
            redis.sadd(root + "::child_caches", root + ".loop", root);
            redis.sadd(root + ".loop::child_caches", root);
            redis.hset(root + ".loop", "k", "v");
            return null;
        });

        cache.clear();

        assertThat(keysOfThisTest()).containsExactly(root + "::generation");
    }

    private List<String> keysOfThisTest() {
        return TestRedis.withCommands(redis -> redis.keys(root + "*"));
    }
}

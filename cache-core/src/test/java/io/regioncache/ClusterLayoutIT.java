package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.regioncache.testsupport.RedisClusterProcesses;
import io.regioncache.testsupport.RedisProcessesPerClass;
import io.regioncache.testsupport.TestRedis;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where a cache on a Redis Cluster puts its keys, and how the root's purge reaches every master:
 * checked on the nodes themselves, each read with a plain (non-cluster) connection.
 */
class ClusterLayoutIT {

    @RegisterExtension
    static final RedisProcessesPerClass<RedisClusterProcesses> cluster = RedisProcessesPerClass.cluster();

    @Test
    void aSingleUrlThatReachesAClusterNodeIsTakenAsASeedOfItsCluster() {
        String prefix = TestRedis.uniquePrefix(ClusterLayoutIT.class);
        try (RegionCache cache = RegionCache.builder().redisUrl(cluster.get().nodeUrl()).keyPrefix(prefix)
                .failurePolicy(FailurePolicy.RAISE).build()) {
            for (int i = 0; i < 30; i++) {
                cache.region("t" + i + ".child").put("k", i);
            }
            for (int i = 0; i < 30; i++) {
                assertThat(cache.region("t" + i + ".child").get("k")).isEqualTo(i);
            }
        }
    }

    @Test
    void aPrefixWithABraceIsRefusedWhenASingleUrlTurnsOutToBeACluster() {
        try (RegionCache cache = RegionCache.builder().redisUrl(cluster.get().nodeUrl()).keyPrefix("app{1}:")
                .failurePolicy(FailurePolicy.RAISE).build()) {
            assertThatThrownBy(() -> cache.region("users").put("k", "v")).isInstanceOf(RegionCacheException.class)
                    .hasMessageContaining("is a cluster").hasMessageContaining("'app{1}:' contains a brace");
        }
    }

    @Test
    void thirtyTopLevelRegionsPutTheirKeysOnEveryMasterEachSubtreeOnOne() {
        String prefix = TestRedis.uniquePrefix(ClusterLayoutIT.class);
        try (RegionCache cache = RegionCache.builder().redisUrl(cluster.get().seedsUrl()).keyPrefix(prefix).build()) {
            Set<Integer> owners = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                cache.region("t" + i + ".a.b").put("k", i);
                String top = prefix + "{root.t" + i + "}";
                int owner = cluster.get().ownerOf(top);
                owners.add(owner);
                assertThat(existing(owner, top + ".a.b", top + ".a::child_caches", top + "::child_caches"))
                        .as("the subtree of root.t%d on its master", i).isEqualTo(3);
            }

            assertThat(owners).containsExactlyInAnyOrderElementsOf(cluster.get().masterPorts());
        }
    }

    @Test
    void clearPurgesEveryTopLevelSubtreeOnEveryMasterAndTheRootsOwnEntries() {
        String prefix = TestRedis.uniquePrefix(ClusterLayoutIT.class);
        try (RegionCache cache = RegionCache.builder().redisUrl(cluster.get().seedsUrl()).keyPrefix(prefix)
                .failurePolicy(FailurePolicy.RAISE).build()) {
            cache.root().put("own", "root's");
            for (int i = 0; i < 30; i++) {
                cache.region("t" + i + ".a").put("k", i);
                cache.region("t" + i).put("k", i);
            }

            cache.clear();

            assertThat(cache.root().get("own")).isNull();
            for (int i = 0; i < 30; i++) {
                String top = prefix + "{root.t" + i + "}";
                assertThat(existing(cluster.get().ownerOf(top), top, top + ".a", top + "::child_caches")).isZero();
                assertThat(cache.region("t" + i + ".a").get("k")).isNull();
            }
            cache.region("t0.a").put("k", "after");
            assertThat(cache.region("t0.a").get("k")).isEqualTo("after");
        }
    }

    @Test
    void aNearCacheAskedForOnAClusterStaysOffWithOneWarningAndEveryReadGoesToRedis() {
        try (CapturedLog log = new CapturedLog();
             RegionCache cache = RegionCache.builder().redisUrl(cluster.get().seedsUrl())
                     .keyPrefix(TestRedis.uniquePrefix(ClusterLayoutIT.class)).nearCacheSize(100).build()) {
            Region<Object> region = cache.region("near");
            region.put("k", "v");
            for (int i = 0; i < 3; i++) {
                assertThat(region.get("k")).isEqualTo("v");
            }

            assertThat(cache.stats().hits()).isEqualTo(3);
            assertThat(cache.stats().nearHits()).isZero();
            assertThat(log.lines("WARN")).singleElement().asString().contains("The near cache stays off");
        }
    }

    /**
     * The race the root's fence and the writer's link step close together: a region whose
     * top-level name the purge could not yet know (never written before), loaded across clear().
     */
    @Test
    void aLoadOfANewTopLevelRegionRacingClearIsNotStored() throws Exception {
        String prefix = TestRedis.uniquePrefix(ClusterLayoutIT.class);
        try (RegionCache cache = RegionCache.builder().redisUrl(cluster.get().seedsUrl()).keyPrefix(prefix)
                .failurePolicy(FailurePolicy.RAISE).build();
             RegionCache other = RegionCache.builder().redisUrl(cluster.get().seedsUrl()).keyPrefix(prefix)
                     .failurePolicy(FailurePolicy.RAISE).build()) {
            Region<Object> fresh = cache.region("fresh.deep");
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch cleared = new CountDownLatch(1);
            CompletableFuture<Object> load = CompletableFuture.supplyAsync(() -> fresh.getOrCompute("k", () -> {
                loading.countDown();
                awaitLatch(cleared);
                return "stale";
            }));
            awaitLatch(loading);
            other.clear();
            cleared.countDown();

            assertThat(load.get(10, TimeUnit.SECONDS)).isEqualTo("stale");
            assertThat(fresh.get("k")).isNull();
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many of {@code keys} the node on {@code port} holds. */
    private static long existing(int port, String... keys) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return List.of(keys).stream().mapToLong(key -> connection.sync().exists(key)).sum();
        } finally {
            client.shutdown();
        }
    }
}

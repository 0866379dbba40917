package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.RedisClusterProcesses;
import io.regioncache.testsupport.RedisProcessesPerClass;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A master of a Redis Cluster lost and its replica promoted: while the slots have no master the
 * cache degrades (or raises) as it does when a standalone Redis is down; once the replica serves
 * them, the same cache works again without a restart.
 */
@ExtendWith(ExpectedOutageLog.class)
class ClusterFailoverIT {

    @RegisterExtension
    static final RedisProcessesPerClass<RedisClusterProcesses> cluster = RedisProcessesPerClass.cluster(3, 1);

    @Test
    void whileAMastersSlotsHaveNoMasterReadsMissOrRaiseAndThePromotedReplicaIsUsedWithoutARestart() {
        String prefix = TestRedis.uniquePrefix(ClusterFailoverIT.class);
        Duration timeout = Duration.ofMillis(500);
        try (RegionCache degrading = RegionCache.builder().redisUrl(cluster.get().seedsUrl()).keyPrefix(prefix)
                .commandTimeout(timeout).build();
             RegionCache raising = RegionCache.builder().redisUrl(cluster.get().seedsUrl()).keyPrefix(prefix)
                     .commandTimeout(timeout).failurePolicy(FailurePolicy.RAISE).build();
             CapturedLog log = new CapturedLog()) {
            Region<Object> lost = degrading.region("lost.child");
            Region<Object> other = degrading.region(topLevelOnAnotherMaster(prefix));
            lost.put("k", "before");
            other.put("k", "elsewhere");
            int master = cluster.get().ownerOf(prefix + "{root.lost}");

            cluster.get().stopNode(master);

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                // Both seen in one outage: the slots have no master until the replica takes over.
                boolean miss = lost.get("k") == null;
                try {
                    raising.region("lost.child").get("k");
                    return false;
                } catch (CacheUnavailableException expected) {
                    return miss;
                }
            });
            assertThat(log.lines("WARN").stream().filter(line -> line.contains("Cache store unavailable"))).hasSize(1);
            assertThat(other.get("k")).as("a subtree on a running master").isEqualTo("elsewhere");

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                raising.region("lost.child").put("k", "after");
                assertThat(lost.get("k")).isEqualTo("after");
            });
            assertThat(cluster.get().ownerOf(prefix + "{root.lost}")).isNotEqualTo(master);
            degrading.clear();
            assertThat(raising.region("lost.child").get("k")).isNull();
            assertThat(other.get("k")).isNull();
        }
    }

    /** A top-level region name whose slot another master serves than root.lost's. */
    private static String topLevelOnAnotherMaster(String prefix) {
        int lost = cluster.get().ownerOf(prefix + "{root.lost}");
        for (int i = 0; ; i++) {
            if (cluster.get().ownerOf(prefix + "{root.kept" + i + "}") != lost) {
                return "kept" + i;
            }
        }
    }
}

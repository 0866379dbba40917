package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.MigrateArgs;
import io.lettuce.core.cluster.SlotHash;
import io.regioncache.testsupport.RedisClusterProcesses;
import io.regioncache.testsupport.RedisProcessesPerClass;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A top-level subtree's hash slot moved to another master, step by step as {@code redis-cli
 * --cluster reshard} does it (SETSLOT IMPORTING/MIGRATING, MIGRATE, SETSLOT NODE), while one
 * cache instance keeps working: during the migration Redis answers ASK, after it MOVED.
 */
@ExtendWith(ExpectedOutageLog.class)
class ClusterReshardIT {

    @RegisterExtension
    static final RedisProcessesPerClass<RedisClusterProcesses> cluster = RedisProcessesPerClass.cluster();

    @Test
    void aSubtreesSlotMovedToAnotherMasterKeepsServingGetsPutsAndInvalidateWithoutARestart() {
        String prefix = TestRedis.uniquePrefix(ClusterReshardIT.class);
        String tag = prefix + "{root.moving}";
        int slot = SlotHash.getSlot(tag);
        try (RegionCache degrading = RegionCache.builder().redisUrl(cluster.get().seedsUrl()).keyPrefix(prefix).build();
             RegionCache raising = RegionCache.builder().redisUrl(cluster.get().seedsUrl()).keyPrefix(prefix)
                     .failurePolicy(FailurePolicy.RAISE).build()) {
            Region<Object> child = degrading.region("moving.child");
            Region<Object> top = degrading.region("moving");
            child.put("a", "1");
            child.put("b", "2");
            top.put("t", "top");
            int source = cluster.get().ownerOf(tag);
            int target = cluster.get().masterPorts().stream().filter(port -> port != source).findFirst().orElseThrow();
            String sourceId = cluster.get().nodeId(source);
            String targetId = cluster.get().nodeId(target);

            cluster.get().onNode(target, redis -> redis.clusterSetSlotImporting(slot, sourceId));
            cluster.get().onNode(source, redis -> redis.clusterSetSlotMigrating(slot, targetId));
            List<String> keys = cluster.get().onNode(source, redis -> redis.clusterGetKeysInSlot(slot, 100));
            assertThat(keys).contains(tag + ".child", tag);
            migrate(source, target, List.of(tag + ".child"));

            // ASK window: child's hash is on the target, top's hash and the child sets still on the source.
            assertThat(child.get("a")).as("a get of a migrated key, through ASK").isEqualTo("1");
            assertThat(top.get("t")).as("a get of a key not migrated yet").isEqualTo("top");
            top.put("t2", "while migrating");
            assertThat(top.get("t2")).as("a write whose keys are all still on the source").isEqualTo("while migrating");
            // A script whose keys are split between the two nodes gets TRYAGAIN: an outage to the cache.
            assertThatThrownBy(() -> raising.region("moving.child").put("c", "3"))
                    .isInstanceOf(CacheUnavailableException.class).hasMessageContaining("TRYAGAIN");
            try (CapturedLog log = new CapturedLog()) {
                child.put("c", "3");
                assertThat(child.get("c")).as("the put dropped under DEGRADE").isNull();
                assertThat(log.lines("WARN")).singleElement().asString()
                        .contains("Cache store unavailable").contains("TRYAGAIN");
            }
            assertThatThrownBy(() -> degrading.region("moving.child").invalidate())
                    .isInstanceOf(CacheUnavailableException.class).hasMessageContaining("TRYAGAIN");
            assertThat(child.get("a")).as("the refused invalidate left the entries").isEqualTo("1");

            List<String> rest = cluster.get().onNode(source, redis -> redis.clusterGetKeysInSlot(slot, 100));
            assertThat(rest).containsExactlyInAnyOrder(tag, tag + "::child_caches");
            migrate(source, target, rest);
            for (int port : cluster.get().masterPorts()) {
                cluster.get().onNode(port, redis -> redis.clusterSetSlotNode(slot, targetId));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.get().ownerOf(tag) == target);

            // MOVED: the cache's view of the slots is stale until a redirect or refresh updates it.
            assertThat(child.get("a")).isEqualTo("1");
            assertThat(top.get("t2")).isEqualTo("while migrating");
            raising.region("moving.child").put("c", "3");
            assertThat(child.get("c")).isEqualTo("3");
            child.put("d", "4");
            assertThat(raising.region("moving.child").get("d")).isEqualTo("4");
            assertThat(hasField(target, tag + ".child", "d")).as("d on the new owner").isTrue();
            assertThat(cluster.get().<Long>onNode(source, redis -> redis.clusterCountKeysInSlot(slot))).as("keys left on the old owner").isZero();
            raising.region("moving").invalidate();
            assertThat(child.get("a")).isNull();
            assertThat(top.get("t")).isNull();
            assertThat(held(target, tag + ".child", tag)).as("entries left after invalidate").isZero();
            child.put("e", "5");
            assertThat(raising.region("moving.child").get("e")).isEqualTo("5");
        }
    }

    private static boolean hasField(int port, String key, String field) {
        return cluster.get().<Boolean>onNode(port, redis -> redis.hexists(key, field));
    }

    /** How many of {@code keys} the node on {@code port} holds. */
    private static long held(int port, String... keys) {
        return cluster.get().<Long>onNode(port, redis -> redis.exists(keys));
    }

    private static void migrate(int source, int target, List<String> keys) {
        cluster.get().onNode(source, redis -> redis.migrate("127.0.0.1", target, 0, 5000,
                MigrateArgs.Builder.keys(keys)));
    }
}

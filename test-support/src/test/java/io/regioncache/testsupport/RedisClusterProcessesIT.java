package io.regioncache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster fixture against real redis-server processes. */
class RedisClusterProcessesIT {

    @Test
    void threeMastersShareTheSlotsAndANodeComesBackOnItsPort() {
        ProcessesGone gone;
        try (RedisClusterProcesses cluster = RedisClusterProcesses.start()) {
            assertThat(cluster.masterPorts()).hasSize(3);
            assertThat(cluster.seedsUrl()).matches("redis://127\\.0\\.0\\.1:\\d+(,127\\.0\\.0\\.1:\\d+){2}");
            Map<Integer, String> keyByMaster = keyOnEachMaster(cluster);

            writeThroughClusterClient(cluster.seedsUrl(), keyByMaster);
            writeThroughClusterClient(cluster.nodeUrl(), keyByMaster);
            keyByMaster.forEach((port, key) -> {
                assertThat(cluster.ownerOf(key)).isEqualTo(port);
                assertThat(node(cluster, port).<String>withCommands(redis -> redis.get(key))).isEqualTo("v");
            });
            int owner = cluster.ownerOf("a");
            int other = cluster.masterPorts().stream().filter(port -> port != owner).findFirst().orElseThrow();
            assertThatThrownBy(() -> node(cluster, other).<String>withCommands(redis -> redis.get("a")))
                    .as("a node that does not own the slot redirects").isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageContaining("MOVED");

            cluster.stopNode(owner);
            assertThat(node(cluster, owner).isRunning()).isFalse();
            cluster.restartNode(owner);
            assertThat(cluster.ownerOf("a")).as("a master without replica keeps its slots").isEqualTo(owner);
            assertThat(node(cluster, owner).<String>withCommands(redis -> redis.set("a", "again"))).isEqualTo("OK");

            gone = ProcessesGone.of(cluster.nodes());
        }
        gone.assertGone();
    }

    @Test
    void aKilledMasterIsReplacedByItsReplicaAndComesBackAsAReplica() {
        ProcessesGone gone;
        try (RedisClusterProcesses cluster = RedisClusterProcesses.start(3, 1)) {
            assertThat(cluster.nodes()).hasSize(6);
            assertThat(cluster.masterPorts()).hasSize(3);
            int owner = cluster.ownerOf("k");
            node(cluster, owner).withCommands(redis -> {
                redis.set("k", "v");
                return redis.waitForReplication(1, 5000);
            });

            int promoted = cluster.killMaster(owner);

            assertThat(promoted).isNotEqualTo(owner);
            assertThat(cluster.ownerOf("k")).isEqualTo(promoted);
            assertThat(cluster.masterPorts()).hasSize(3).doesNotContain(owner);
            assertThat(node(cluster, promoted).<String>withCommands(redis -> redis.get("k"))).isEqualTo("v");
            writeThroughClusterClient(cluster.nodeUrl(), Map.of(promoted, "k"));

            cluster.restartNode(owner);
            assertThat(node(cluster, owner).<Object>withCommands(redis -> redis.role().get(0))).isEqualTo("slave");
            assertThat(cluster.masterPorts()).doesNotContain(owner);

            gone = ProcessesGone.of(cluster.nodes());
        }
        gone.assertGone();
    }

    @Test
    void badSizesAreRefusedNamingThem() {
        assertThatThrownBy(() -> RedisClusterProcesses.start(2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("masters=2");
        assertThatThrownBy(() -> RedisClusterProcesses.start(3, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replicasPerMaster=-1");
    }

    /** A key for each master, found by asking the cluster which master owns it. */
    private static Map<Integer, String> keyOnEachMaster(RedisClusterProcesses cluster) {
        Map<Integer, String> keyByMaster = new HashMap<>();
        for (int i = 0; keyByMaster.size() < cluster.masterPorts().size(); i++) {
            keyByMaster.putIfAbsent(cluster.ownerOf("key-" + i), "key-" + i);
        }
        return keyByMaster;
    }

    /** Writes each key through a cluster client, which must follow the slots to the right master. */
    private static void writeThroughClusterClient(String url, Map<Integer, String> keyByMaster) {
        RedisClusterClient client = RedisClusterClient.create(url);
        // Only the seeds: a node the test killed stays in the topology, and trying it would log a warning.
        client.setOptions(ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().dynamicRefreshSources(false).build())
                .build());
        try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
            keyByMaster.values().forEach(key -> assertThat(connection.sync().set(key, "v")).isEqualTo("OK"));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static RedisServerProcess node(RedisClusterProcesses cluster, int port) {
        return cluster.nodes().stream().filter(node -> node.port() == port).findFirst().orElseThrow();
    }
}

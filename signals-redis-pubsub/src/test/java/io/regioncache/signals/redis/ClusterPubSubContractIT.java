package io.regioncache.signals.redis;

import io.regioncache.testsupport.RedisClusterProcesses;
import io.regioncache.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The signals-tck contract over a channel on a Redis Cluster of three masters, subscribing through
 * the cluster's seeds and publishing on one node, whichever node the subscription listens on.
 */
class ClusterPubSubContractIT extends RedisPubSubSignalContractIT {

    private static RedisClusterProcesses cluster;
    private static TestConnection lastNode;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterProcesses.start();
        RedisServerProcess node = cluster.nodes().get(cluster.nodes().size() - 1);
        lastNode = TestConnection.to(node.url());
    }

    @AfterAll
    static void stopCluster() {
        lastNode.close();
        cluster.close();
    }

    @Override
    protected String redisUrl() {
        return cluster.seedsUrl();
    }

    @Override
    protected void publishTo(String channel, String payload) {
        lastNode.publish(channel, payload);
    }
}

package io.regioncache.signals.redis;

import io.regioncache.testsupport.RedisClusterProcesses;
import io.regioncache.testsupport.RedisProcessesPerClass;
import io.regioncache.testsupport.RedisServerProcess;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The signals-tck contract over a channel on a Redis Cluster of three masters, subscribing through
 * the cluster's seeds and publishing on one node, whichever node the subscription listens on.
 */
class ClusterPubSubContractIT extends RedisPubSubSignalContractIT {

    @RegisterExtension
    static final RedisProcessesPerClass<RedisClusterProcesses> cluster = RedisProcessesPerClass.cluster();
    private static TestConnection lastNode;

    @BeforeAll
    static void connectToTheLastNode() {
        List<RedisServerProcess> nodes = cluster.get().nodes();
        lastNode = TestConnection.to(nodes.get(nodes.size() - 1).url());
    }

    @AfterAll
    static void closeTheConnection() {
        lastNode.close();
    }

    @Override
    protected String redisUrl() {
        return cluster.get().seedsUrl();
    }

    @Override
    protected void publishTo(String channel, String payload) {
        lastNode.publish(channel, payload);
    }
}

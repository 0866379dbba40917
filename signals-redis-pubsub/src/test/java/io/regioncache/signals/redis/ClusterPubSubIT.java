package io.regioncache.signals.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.signals.Signals;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.QuietLog;
import io.regioncache.testsupport.RedisClusterProcesses;
import io.regioncache.testsupport.RedisProcessesPerClass;
import io.regioncache.testsupport.RedisServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pub/sub on a Redis Cluster of three masters with a replica each, shared by the tests of this
 * class: reached through its seeds or through one node, a subscription hears what is published on
 * any node, and follows the cluster when the node it listens on is killed.
 */
@ExtendWith(QuietLog.class)
class ClusterPubSubIT {

    @RegisterExtension
    static final RedisProcessesPerClass<RedisClusterProcesses> cluster = RedisProcessesPerClass.cluster(3, 1);

    @Test
    void seedsAndASingleNodeUrlBothHearWhatIsPublishedOnEveryNode() {
        try (RedisPubSubSignals seeds = RedisPubSubSignals.create(cluster.get().seedsUrl());
             RedisPubSubSignals oneNode = RedisPubSubSignals.create(cluster.get().nodeUrl())) {
            RecordingListener seedsChannel = new RecordingListener();
            RecordingListener oneNodePattern = new RecordingListener();
            seeds.channel("orders").subscribe(seedsChannel);
            oneNode.pattern("ord*").subscribe(oneNodePattern);

            for (RedisServerProcess node : cluster.get().nodes()) {
                node.withCommands(commands -> commands.publish("orders", "from " + node.port()));
            }
            List<String> expected = cluster.get().nodes().stream().map(node -> "from " + node.port()).toList();
            await().pollInSameThread().atMost(RecordingListener.WAIT).untilAsserted(() -> {
                assertThat(seedsChannel.payloads()).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(oneNodePattern.payloads()).containsExactlyInAnyOrderElementsOf(expected);
            });
            assertThat(seedsChannel.losses).hasValue(0);
            assertThat(oneNodePattern.losses).hasValue(0);
        }
    }

    @Test
    void signalUriWithSeedsSubscribesOnTheCluster() {
        RecordingListener listener = new RecordingListener();
        try (Subscription ignored = Signals.of(cluster.get().seedsUrl() + "?channel=prices").subscribe(listener)) {
            RedisServerProcess last = cluster.get().nodes().get(cluster.get().nodes().size() - 1);
            last.withCommands(commands -> commands.publish("prices", "42"));
            listener.awaitPayload("42");
        }
    }

    @Test
    void aSeedThatDoesNotAnswerIsPassedOver() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String seeds = cluster.get().seedsUrl().replace("redis://", "redis://127.0.0.1:" + closedPort + ",");
        RecordingListener listener = new RecordingListener();
        try (RedisPubSubSignals redis = RedisPubSubSignals.create(seeds);
             Subscription ignored = redis.channel("stock").subscribe(listener)) {
            anyRunningNode().withCommands(commands -> commands.publish("stock", "7"));
            listener.awaitPayload("7");
        }
    }

    /**
     * Reached through one node URL, so this also shows that the cluster was recognised: a plain
     * connection would keep calling the dead node instead of moving to another.
     */
    @Test
    void killingTheNodeListenedOnMovesTheSubscriptionAndReportsAPossibleLoss() {
        String clientName = RedisClients.uniqueName("cluster");
        RecordingListener listener = new RecordingListener();
        try (RedisPubSubSignals redis = RedisPubSubSignals.create(cluster.get().nodeUrl() + "?clientName=" + clientName);
             Subscription ignored = redis.channel("events").subscribe(listener)) {
            int listenedOn = nodeListenedOnBy(clientName);
            boolean master = cluster.get().masterPorts().contains(listenedOn);
            if (master) {
                cluster.get().killMaster(listenedOn); // waits until its replica has taken over
            } else {
                cluster.get().stopNode(listenedOn);
            }
            try {
                listener.awaitLosses(1);
                await().pollInSameThread().atMost(RecordingListener.WAIT).untilAsserted(() -> {
                    anyRunningNode().withCommands(commands -> commands.publish("events", "after failover"));
                    assertThat(listener.payloads()).contains("after failover");
                });
                assertThat(nodeListenedOnBy(clientName)).isNotEqualTo(listenedOn);
                assertThat(listener.losses).hasValue(1);
            } finally {
                cluster.get().restartNode(listenedOn);
            }
        }
    }

    /** The port of the one running node where a connection named {@code clientName} is subscribed. */
    private static int nodeListenedOnBy(String clientName) {
        List<Integer> ports = cluster.get().nodes().stream().filter(RedisServerProcess::isRunning)
                .filter(node -> node.withCommands(commands -> RedisClients.named(commands, clientName)).stream()
                        .anyMatch(client -> "1".equals(client.get("sub"))))
                .map(RedisServerProcess::port)
                .toList();
        assertThat(ports).as("nodes with a subscribed connection named " + clientName).hasSize(1);
        return ports.get(0);
    }

    private static RedisServerProcess anyRunningNode() {
        return cluster.get().nodes().stream().filter(RedisServerProcess::isRunning).findFirst().orElseThrow();
    }
}

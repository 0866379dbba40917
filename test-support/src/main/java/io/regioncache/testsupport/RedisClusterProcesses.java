package io.regioncache.testsupport;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of private {@code redis-server --cluster-enabled yes} processes on free loopback
 * ports, joined by {@code redis-cli --cluster create}: {@code masters} masters (at least 3, as
 * redis-cli asks) sharing the 16384 slots, each with {@code replicasPerMaster} replicas. Every method
 * that changes the cluster returns only once it is healthy again: each running node sees
 * {@code cluster_state:ok} with every slot served, no running node is marked failing, and every
 * running replica is in sync with its master. A short node timeout (1 s) lets a replica take over
 * a killed master in about 3 s. Nodes persist no data: a restarted node comes back empty.
 */
public final class RedisClusterProcesses implements AutoCloseable {

    private static final int SLOTS = 16384;
    private static final Duration FORMING = Duration.ofSeconds(30);
    private static final Duration FAILOVER = Duration.ofSeconds(30);
    private static final String NODE_TIMEOUT_MILLIS = "1000";

    private final List<RedisServerProcess> nodes;
    private final NodeProbe probe = new NodeProbe();

    private RedisClusterProcesses(List<RedisServerProcess> nodes) {
        this.nodes = nodes;
    }

    /** Three masters, no replicas. */
    public static RedisClusterProcesses start() {
        return start(3, 0);
    }

    /**
     * Starts and joins the cluster; fails with instructions if {@code redis-server} or
     * {@code redis-cli} is not installed.
     *
     * @throws IllegalArgumentException if {@code masters} is below 3 or {@code replicasPerMaster} negative
     */
    public static RedisClusterProcesses start(int masters, int replicasPerMaster) {
        if (masters < 3 || replicasPerMaster < 0) {
            throw new IllegalArgumentException("A Redis Cluster needs at least 3 masters and no negative replica count, "
                    + "got masters=" + masters + ", replicasPerMaster=" + replicasPerMaster);
        }
        int count = masters * (1 + replicasPerMaster);
        // Each node needs a second port for its cluster bus: by default port + 10000, which may not exist.
        int[] ports = RedisServerProcess.freePorts(2 * count);
        List<RedisServerProcess> nodes = new ArrayList<>();
        RedisClusterProcesses cluster = new RedisClusterProcesses(nodes);
        try {
            for (int i = 0; i < count; i++) {
                List<String> args = new ArrayList<>(List.of("--cluster-enabled", "yes",
                        "--cluster-port", Integer.toString(ports[2 * i + 1]),
                        "--cluster-node-timeout", NODE_TIMEOUT_MILLIS,
                        // A replica may always take over, however long it was cut off from its master.
                        "--cluster-replica-validity-factor", "0"));
                args.addAll(RedisMasterReplicaProcesses.SYNC_AT_ONCE);
                nodes.add(RedisServerProcess.start(ports[2 * i], null, args));
            }
            cluster.create(replicasPerMaster);
            cluster.awaitHealthy("the new cluster to form", FORMING);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Every node, masters and replicas, in the order they were started. */
    public List<RedisServerProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** All nodes as cluster seeds: {@code redis://127.0.0.1:P1,127.0.0.1:P2,...}. */
    public String seedsUrl() {
        return "redis://" + nodes.stream().map(node -> "127.0.0.1:" + node.port()).collect(Collectors.joining(","));
    }

    /** One running node alone, {@code redis://127.0.0.1:P}: from it a cluster client finds the rest. */
    public String nodeUrl() {
        return runningNode().url();
    }

    /** The ports of the nodes that serve slots now, as the cluster sees it. */
    public List<Integer> masterPorts() {
        List<Integer> ports = new ArrayList<>();
        for (RedisClusterNode node : partitions()) {
            if (node.is(NodeFlag.UPSTREAM) && !node.getSlots().isEmpty()) {
                ports.add(node.getUri().getPort());
            }
        }
        return ports;
    }

    /** The port of the master that serves {@code key}'s hash slot now (hash tags included). */
    public int ownerOf(String key) {
        RedisClusterNode owner = partitions().getMasterBySlot(SlotHash.getSlot(key));
        if (owner == null) {
            throw new IllegalStateException("No node serves the slot of '" + key + "'");
        }
        return owner.getUri().getPort();
    }

    /** The cluster node id of the node on {@code port}, as the cluster sees it. */
    public String nodeId(int port) {
        RedisClusterNode node = nodeOn(partitions(), port);
        if (node == null) {
            throw new IllegalArgumentException("No node of the cluster listens on port " + port + "; masters: "
                    + masterPorts());
        }
        return node.getNodeId();
    }

    /**
     * What the node on {@code port} answers to {@code work}, on a plain (non-cluster) connection
     * opened for it: for the steps of a slot migration ({@code CLUSTER SETSLOT}, {@code MIGRATE})
     * or to see which keys one node holds.
     */
    public <T> T onNode(int port, Function<RedisCommands<String, String>, T> work) {
        return probe.ask(node(port).port(), work);
    }

    /**
     * Kills the master on {@code port} and waits until one of its replicas has taken over its
     * slots and the cluster is healthy again.
     *
     * @return the port of the replica that took over
     * @throws IllegalArgumentException if no running master with a replica listens on {@code port}
     */
    public int killMaster(int port) {
        Partitions before = partitions();
        RedisClusterNode master = isRunning(port) ? nodeOn(before, port) : null;
        List<Integer> replicas = new ArrayList<>();
        for (RedisClusterNode node : before) {
            if (master != null && master.getNodeId().equals(node.getSlaveOf()) && isRunning(node.getUri().getPort())) {
                replicas.add(node.getUri().getPort());
            }
        }
        if (master == null || !master.is(NodeFlag.UPSTREAM) || replicas.isEmpty()) {
            throw new IllegalArgumentException("Port " + port + " is not a running master with a replica; masters now: "
                    + masterPorts());
        }
        node(port).stop();
        NodeProbe.await("a replica of the master on port " + port + " (" + replicas + ") to take over", FAILOVER,
                () -> masterPorts().stream().anyMatch(replicas::contains), this::logs);
        awaitHealthy("the cluster to recover from losing the master on port " + port, FAILOVER);
        return masterPorts().stream().filter(replicas::contains).findFirst().orElseThrow();
    }

    /** Kills the node on {@code port}; the cluster is left to notice, as it would a crash. */
    public void stopNode(int port) {
        node(port).stop();
    }

    /**
     * Starts the node on {@code port} again, with its own cluster identity ({@code nodes.conf}),
     * and waits until the cluster is healthy. A master that was taken over comes back as a replica.
     */
    public void restartNode(int port) {
        node(port).restart();
        awaitHealthy("the cluster to take back the node on port " + port, FAILOVER);
    }

    /**
     * Makes every running node ask for {@code password} from now on ({@code requirepass}, and
     * {@code masterauth} so that replicas still sync with their masters), as an operator secures a
     * running cluster; this fixture's own questions to the nodes send it too. Set at run time only:
     * a node restarted afterwards comes back without it, so do not restart nodes after this.
     */
    public void requirePassword(String password) {
        for (RedisServerProcess node : running()) {
            probe.ask(node.port(), redis -> {
                redis.configSet("masterauth", password);
                return redis.configSet("requirepass", password);
            });
        }
        probe.authenticateWith(password);
    }

    /** Stops every node and deletes their directories. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (RedisServerProcess node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        probe.close();
        if (failure != null) {
            throw failure;
        }
    }

    private void create(int replicasPerMaster) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(node -> command.add("127.0.0.1:" + node.port()));
        command.addAll(List.of("--cluster-replicas", Integer.toString(replicasPerMaster), "--cluster-yes"));
        Path output = nodes.get(0).dir().resolve("cluster-create.log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(FORMING.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("redis-cli --cluster create did not finish in " + FORMING.toSeconds()
                        + " s; see " + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run redis-cli (" + e.getMessage() + "); install it, e.g. "
                    + "apt-get install -y redis-tools (redis-server brings it too)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the cluster", e);
        }
    }

    private void awaitHealthy(String what, Duration atMost) {
        NodeProbe.await(what, atMost, this::healthy, this::logs);
    }

    private boolean healthy() {
        for (RedisServerProcess node : running()) {
            String info = probe.ask(node.port(), redis -> redis.clusterInfo());
            if (!"ok".equals(NodeProbe.field(info, "cluster_state"))
                    || !Integer.toString(SLOTS).equals(NodeProbe.field(info, "cluster_slots_ok"))) {
                return false;
            }
            for (RedisClusterNode seen : partitionsSeenBy(node.port())) {
                boolean failing = seen.is(NodeFlag.FAIL) || seen.is(NodeFlag.EVENTUAL_FAIL);
                if (failing && isRunning(seen.getUri().getPort())) {
                    return false;
                }
            }
            if ("slave".equals(probe.info(node.port(), "replication", "role"))
                    && !"up".equals(probe.info(node.port(), "replication", "master_link_status"))) {
                return false;
            }
        }
        return true;
    }

    private Partitions partitions() {
        return partitionsSeenBy(runningNode().port());
    }

    /** The cluster as the node on {@code port} sees it ({@code CLUSTER NODES}). */
    private Partitions partitionsSeenBy(int port) {
        String nodes = probe.ask(port, redis -> redis.clusterNodes());
        return ClusterPartitionParser.parse(nodes);
    }

    private static RedisClusterNode nodeOn(Partitions partitions, int port) {
        for (RedisClusterNode node : partitions) {
            if (node.getUri().getPort() == port) {
                return node;
            }
        }
        return null;
    }

    private RedisServerProcess node(int port) {
        return nodes.stream().filter(node -> node.port() == port).findFirst().orElseThrow(() ->
                new IllegalArgumentException("No node of this cluster listens on port " + port + "; nodes: " + seedsUrl()));
    }

    private boolean isRunning(int port) {
        return nodes.stream().anyMatch(node -> node.port() == port && node.isRunning());
    }

    private List<RedisServerProcess> running() {
        return nodes.stream().filter(RedisServerProcess::isRunning).toList();
    }

    private RedisServerProcess runningNode() {
        return running().stream().findFirst().orElseThrow(() -> new IllegalStateException("No node is running"));
    }

    private String logs() {
        return "the nodes' logs: " + nodes.stream().map(node -> node.dir().resolve("redis.log").toString())
                .collect(Collectors.joining(", "));
    }
}

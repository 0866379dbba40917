package io.regioncache.testsupport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One Redis Sentinel (a private {@code redis-server --sentinel}) monitoring a
 * {@link RedisMasterReplicaProcesses} as {@value #MASTER_NAME}, with a quorum of 1 and short
 * timeouts (master down after 1 s, failover timeout 3 s) so that a failover completes in a few
 * seconds. The servers keep their ports, but which of them is master changes with each failover:
 * ask {@link #masterPort()}.
 */
public final class RedisSentinelProcesses implements AutoCloseable {

    /** The name under which the Sentinel monitors the master. */
    public static final String MASTER_NAME = "mymaster";

    private static final Duration SETTLING = Duration.ofSeconds(30);

    private final RedisMasterReplicaProcesses servers;
    private final RedisServerProcess sentinel;
    private final NodeProbe probe = new NodeProbe();

    private RedisSentinelProcesses(RedisMasterReplicaProcesses servers, RedisServerProcess sentinel) {
        this.servers = servers;
        this.sentinel = sentinel;
    }

    /**
     * Starts a master, its replica and the Sentinel, and waits until the Sentinel knows both; fails
     * with instructions if {@code redis-server} is not installed.
     */
    public static RedisSentinelProcesses start() {
        RedisMasterReplicaProcesses servers = RedisMasterReplicaProcesses.start();
        RedisServerProcess sentinel;
        try {
            sentinel = RedisServerProcess.startWithConfig(String.join("\n",
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + servers.master().port() + " 1",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                    "sentinel failover-timeout " + MASTER_NAME + " 3000",
                    ""), "--sentinel");
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
        RedisSentinelProcesses sentinels = new RedisSentinelProcesses(servers, sentinel);
        try {
            sentinels.awaitSentinelSees(servers.master(), servers.replica(), "the Sentinel to find master and replica");
            return sentinels;
        } catch (RuntimeException e) {
            sentinels.close();
            throw e;
        }
    }

    /** Lettuce's URL for the monitored master: {@code redis-sentinel://127.0.0.1:P/0#mymaster}. */
    public String url() {
        return "redis-sentinel://127.0.0.1:" + sentinel.port() + "/0#" + MASTER_NAME;
    }

    /** The Sentinel process. */
    public RedisServerProcess sentinel() {
        return sentinel;
    }

    /** The monitored servers; after a failover the one started as replica is the master. */
    public RedisMasterReplicaProcesses servers() {
        return servers;
    }

    /** The port of the master, as the Sentinel names it now. */
    public int masterPort() {
        return ((InetSocketAddress) probe.askSentinel(sentinel.port(), commands -> commands.getMasterAddrByName(MASTER_NAME)))
                .getPort();
    }

    /**
     * Kills the current master and waits until the Sentinel has promoted the other server.
     *
     * @return the port of the new master
     * @throws IllegalStateException if the other server is not running, so nothing can be promoted
     */
    public int killMasterAndAwaitFailover() {
        RedisServerProcess master = server(masterPort());
        RedisServerProcess other = master == servers.master() ? servers.replica() : servers.master();
        if (!other.isRunning()) {
            throw new IllegalStateException("The server on port " + other.port() + " is stopped: nothing to promote");
        }
        master.stop();
        NodeProbe.await("the Sentinel to promote port " + other.port() + " after the master on port " + master.port()
                        + " was killed", SETTLING,
                () -> masterPort() == other.port()
                        && "master".equals(probe.info(other.port(), "replication", "role")),
                this::logs);
        return other.port();
    }

    /**
     * Starts a stopped server again and waits until the Sentinel has made it a replica of the
     * current master and it is in sync. A restarted former master first comes back as an empty
     * master, as it would in production, until the Sentinel's next look at it (Sentinel asks its
     * replicas for INFO every 10 s): expect this to take about 10 s.
     */
    public void restart(RedisServerProcess server) {
        if (server != servers.master() && server != servers.replica()) {
            throw new IllegalArgumentException("Not a server of this Sentinel: port " + server.port());
        }
        server.restart();
        RedisServerProcess master = server(masterPort());
        servers.awaitInSync(server, "the Sentinel to make port " + server.port() + " a replica of port "
                + master.port() + " again");
        awaitSentinelSees(master, server, "the Sentinel to see port " + server.port() + " as a replica");
    }

    /** Stops the Sentinel and both servers, and deletes their directories. */
    @Override
    public void close() {
        try {
            sentinel.close();
        } finally {
            try {
                servers.close();
            } finally {
                probe.close();
            }
        }
    }

    private void awaitSentinelSees(RedisServerProcess master, RedisServerProcess replica, String what) {
        NodeProbe.await(what, SETTLING, () -> masterPort() == master.port() && sentinelSeesReplica(replica.port()),
                this::logs);
    }

    /** Whether the Sentinel lists a replica on {@code port} that is neither down nor disconnected. */
    private boolean sentinelSeesReplica(int port) {
        List<Map<String, String>> replicas = probe.askSentinel(sentinel.port(), commands -> commands.replicas(MASTER_NAME));
        return replicas.stream().anyMatch(replica -> Integer.toString(port).equals(replica.get("port"))
                && "slave".equals(replica.get("flags")));
    }

    private RedisServerProcess server(int port) {
        if (servers.master().port() == port) {
            return servers.master();
        }
        if (servers.replica().port() == port) {
            return servers.replica();
        }
        throw new IllegalStateException("The Sentinel names port " + port + " as master, not one of its servers");
    }

    private String logs() {
        return sentinel.dir().resolve("redis.log") + ", " + servers.master().dir().resolve("redis.log") + " and "
                + servers.replica().dir().resolve("redis.log");
    }
}

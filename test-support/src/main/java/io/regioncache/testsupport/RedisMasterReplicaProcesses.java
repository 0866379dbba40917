package io.regioncache.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private master and one replica of it ({@code --replicaof}), each a {@link RedisServerProcess}
 * on a free loopback port. {@link #start()}, {@link #restartMaster()} and {@link #restartReplica()}
 * return once the replica reports {@code master_link_status:up}, so what is written to the master
 * from then on reaches the replica (after the usual replication lag). Nothing is persisted: a
 * restarted master comes back empty, and the replica follows it.
 */
public final class RedisMasterReplicaProcesses implements AutoCloseable {

    private static final Duration SYNC = Duration.ofSeconds(30);

    /**
     * For any server that may become a master: a replica's full sync starts at once instead of
     * after Redis's default 5 s wait for more replicas to share the transfer.
     */
    static final List<String> SYNC_AT_ONCE = List.of("--repl-diskless-sync-delay", "0");

    private final RedisServerProcess master;
    private final RedisServerProcess replica;
    private final NodeProbe probe = new NodeProbe();

    private RedisMasterReplicaProcesses(RedisServerProcess master, RedisServerProcess replica) {
        this.master = master;
        this.replica = replica;
    }

    /** Starts both servers; fails with instructions if {@code redis-server} is not installed. */
    public static RedisMasterReplicaProcesses start() {
        RedisServerProcess master = RedisServerProcess.start(SYNC_AT_ONCE.toArray(String[]::new));
        RedisServerProcess replica;
        try {
            List<String> args = new ArrayList<>(SYNC_AT_ONCE);
            args.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
            replica = RedisServerProcess.start(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            master.close();
            throw e;
        }
        RedisMasterReplicaProcesses servers = new RedisMasterReplicaProcesses(master, replica);
        try {
            servers.awaitReplicaInSync("the replica to sync with its new master");
            return servers;
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    /** The server started as master. */
    public RedisServerProcess master() {
        return master;
    }

    /** The server started as the master's replica. */
    public RedisServerProcess replica() {
        return replica;
    }

    public String masterUrl() {
        return master.url();
    }

    public String replicaUrl() {
        return replica.url();
    }

    /** Kills the master; the replica keeps serving reads of what it has. */
    public void killMaster() {
        master.stop();
    }

    /** Starts the master again (empty) and waits until the replica is in sync with it. */
    public void restartMaster() {
        master.restart();
        awaitReplicaInSync("the replica to sync with the restarted master");
    }

    /** Kills the replica. */
    public void killReplica() {
        replica.stop();
    }

    /** Starts the replica again and waits until it is in sync with the master. */
    public void restartReplica() {
        replica.restart();
        awaitReplicaInSync("the restarted replica to sync with its master");
    }

    /** Stops both servers and deletes their directories. */
    @Override
    public void close() {
        try {
            replica.close();
        } finally {
            try {
                master.close();
            } finally {
                probe.close();
            }
        }
    }

    /** Waits until {@code server} reports a live link to its master. */
    void awaitInSync(RedisServerProcess server, String what) {
        NodeProbe.await(what, SYNC,
                () -> "up".equals(probe.info(server.port(), "replication", "master_link_status")),
                () -> master.dir().resolve("redis.log") + " and " + replica.dir().resolve("redis.log"));
    }

    private void awaitReplicaInSync(String what) {
        awaitInSync(replica, what);
    }
}

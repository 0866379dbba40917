package io.regioncache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The master-with-replica fixture against real redis-server processes. */
class RedisMasterReplicaProcessesIT {

    private static final Duration REPLICATION = Duration.ofSeconds(10);

    @Test
    void theReplicaFollowsTheMasterThroughRestartsOfEither() {
        ProcessesGone gone;
        try (RedisMasterReplicaProcesses servers = RedisMasterReplicaProcesses.start()) {
            assertThat(servers.replica().<String>withCommands(redis -> redis.info("replication")))
                    .contains("role:slave", "master_port:" + servers.master().port(), "master_link_status:up");
            servers.master().<String>withCommands(redis -> redis.set("k", "v"));
            awaitOnReplica(servers, "v");

            servers.killReplica();
            servers.restartReplica();
            assertThat(servers.replica().<String>withCommands(redis -> redis.get("k"))).as("resynced from the master")
                    .isEqualTo("v");

            servers.killMaster();
            assertThat(servers.replica().<String>withCommands(redis -> redis.get("k"))).as("reads from the replica alone")
                    .isEqualTo("v");
            servers.restartMaster();
            servers.master().<String>withCommands(redis -> redis.set("k", "after restart"));
            awaitOnReplica(servers, "after restart");

            gone = ProcessesGone.of(List.of(servers.master(), servers.replica()));
        }
        gone.assertGone();
    }

    private static void awaitOnReplica(RedisMasterReplicaProcesses servers, String value) {
        await().atMost(REPLICATION).until(() -> servers.replica().<String>withCommands(redis -> redis.get("k")), value::equals);
    }
}

package io.regioncache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Sentinel fixture against real redis-server processes. */
class RedisSentinelProcessesIT {

    @Test
    void theSentinelPromotesTheReplicaWhenTheMasterIsKilled() {
        ProcessesGone gone;
        try (RedisSentinelProcesses sentinel = RedisSentinelProcesses.start()) {
            RedisServerProcess first = sentinel.servers().master();
            RedisServerProcess second = sentinel.servers().replica();
            assertThat(sentinel.url()).isEqualTo("redis-sentinel://127.0.0.1:" + sentinel.sentinel().port() + "/0#mymaster");
            assertThat(sentinel.masterPort()).isEqualTo(first.port());
            assertThat(setThroughSentinel(sentinel.url())).isEqualTo(first.port());

            assertThat(sentinel.killMasterAndAwaitFailover()).isEqualTo(second.port());
            assertThat(sentinel.masterPort()).isEqualTo(second.port());
            assertThat(setThroughSentinel(sentinel.url())).as("Lettuce asks the Sentinel for the new master")
                    .isEqualTo(second.port());

            sentinel.restart(first);
            assertThat(first.<String>withCommands(redis -> redis.info("replication")))
                    .contains("role:slave", "master_port:" + second.port(), "master_link_status:up");

            gone = ProcessesGone.of(List.of(sentinel.sentinel(), first, second));
        }
        gone.assertGone();
    }

    /** Writes through a client that finds the master by the Sentinel URL; returns the port it wrote to. */
    private static int setThroughSentinel(String url) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().set("k", "v")).isEqualTo("OK");
            return Integer.parseInt(NodeProbe.field(connection.sync().info("server"), "tcp_port"));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.RedisMasterReplicaProcesses;
import io.regioncache.testsupport.RedisProcessesPerClass;
import io.regioncache.testsupport.RedisServerProcess;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A standalone master with a static read replica ({@code readReplicaUrl}, Python's rr_host):
 * which server each operation reaches is read from the servers' own command counts.
 */
@ExtendWith(ExpectedOutageLog.class)
class ReadReplicaIT {

    private static final Set<String> READS = Set.of("hget", "hmget", "hexists", "hkeys", "pttl");

    @RegisterExtension
    static final RedisProcessesPerClass<RedisMasterReplicaProcesses> servers = RedisProcessesPerClass.masterReplica();

    private static RegionCache open() {
        return RegionCache.builder().redisUrl(servers.get().masterUrl()).readReplicaUrl(servers.get().replicaUrl())
                .keyPrefix(TestRedis.uniquePrefix(ReadReplicaIT.class)).failurePolicy(FailurePolicy.RAISE).build();
    }

    @Test
    void plainReadsGoToTheReplicaWhileWritesScriptsAndFenceReadsGoToTheMaster() {
        try (RegionCache cache = open()) {
            Region<Object> region = cache.region("r", RegionOptions.defaults().withTimeout(Duration.ofMinutes(5)));
            region.put("k", "v");
            // Replication is asynchronous: the replica has the write a moment later.
            await().atMost(Duration.ofSeconds(10)).until(() -> "v".equals(region.get("k")));
            Map<String, Long> replicaBefore = calls(servers.get().replica());
            Map<String, Long> masterBefore = calls(servers.get().master());

            assertThat(region.get("k")).isEqualTo("v");
            assertThat(region.getAll(java.util.List.of("k", "absent"))).containsOnlyKeys("k");
            assertThat(region.containsKey("k")).isTrue();
            assertThat(region.keys()).containsExactly("k");
            assertThat(region.timeToLive()).isPresent();
            assertThat(region.size()).isEqualTo(1);
            assertThat(region.getOrCompute("loaded", () -> "fresh")).isEqualTo("fresh");

            Map<String, Long> replicaAfter = calls(servers.get().replica());
            Map<String, Long> masterAfter = calls(servers.get().master());
            for (String read : READS) {
                assertThat(replicaAfter.getOrDefault(read, 0L)).as(read + " on the replica")
                        .isGreaterThan(replicaBefore.getOrDefault(read, 0L));
                assertThat(masterAfter.getOrDefault(read, 0L)).as(read + " on the master")
                        .isEqualTo(masterBefore.getOrDefault(read, 0L));
            }
            assertThat(masterAfter.get("mget")).as("the load's fence read").isGreaterThan(masterBefore.getOrDefault("mget", 0L));
            assertThat(masterAfter.get("evalsha")).as("the load's guarded write").isGreaterThan(masterBefore.get("evalsha"));
            await().atMost(Duration.ofSeconds(10)).until(() -> "fresh".equals(region.get("loaded")));
        }
    }

    /** Python region_cache's settings name the replica: REGION_CACHE_RR_HOST and REGION_CACHE_RR_PORT. */
    @Test
    void theReplicaNamedByPythonsSettingsGetsTheReads() {
        Map<String, String> environment = Map.of("REGION_CACHE_URL", servers.get().masterUrl(),
                "REGION_CACHE_RR_HOST", "127.0.0.1", "REGION_CACHE_RR_PORT", Integer.toString(servers.get().replica().port()),
                "REGION_CACHE_KEY_PREFIX", TestRedis.uniquePrefix(ReadReplicaIT.class));
        try (RegionCache cache = RegionCache.fromEnvironment(environment)) {
            Region<Object> region = cache.region("python");
            region.put("k", "v");
            await().atMost(Duration.ofSeconds(10)).until(() -> "v".equals(region.get("k")));
            long replicaReads = calls(servers.get().replica()).getOrDefault("hget", 0L);

            assertThat(region.get("k")).isEqualTo("v");

            assertThat(calls(servers.get().replica()).get("hget")).isEqualTo(replicaReads + 1);
        }
    }

    @Test
    void aDeadReplicaSendsReadsToTheMasterAtOnceAndAReturningOneGetsThemBack() {
        try (RegionCache cache = open(); CapturedLog log = new CapturedLog()) {
            Region<Object> region = cache.region("dead");
            region.put("k", "v");
            await().atMost(Duration.ofSeconds(10)).until(() -> "v".equals(region.get("k")));

            servers.get().killReplica();
            try {
                assertThat(region.get("k")).as("sent to the master when the replica fails it").isEqualTo("v");
                assertThat(log.lines("WARN")).anyMatch(line -> line.contains("A read from the replica"));
                long masterReads = calls(servers.get().master()).getOrDefault("hget", 0L);
                assertThat(region.get("k")).isEqualTo("v");
                assertThat(calls(servers.get().master()).get("hget")).isEqualTo(masterReads + 1);
            } finally {
                servers.get().restartReplica();
            }

            long replicaReads = calls(servers.get().replica()).getOrDefault("hget", 0L);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                region.get("k");
                return calls(servers.get().replica()).getOrDefault("hget", 0L) > replicaReads;
            });
        }
    }

    private static final Pattern COMMAND = Pattern.compile("cmdstat_(\\w+):calls=(\\d+)");

    /** The server's count of each command since it started. */
    private static Map<String, Long> calls(RedisServerProcess server) {
        String info = server.withCommands(redis -> redis.info("commandstats"));
        Map<String, Long> calls = new java.util.HashMap<>();
        Matcher matcher = COMMAND.matcher(info);
        while (matcher.find()) {
            calls.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return calls;
    }
}

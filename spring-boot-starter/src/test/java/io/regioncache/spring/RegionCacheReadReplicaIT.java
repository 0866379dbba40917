package io.regioncache.spring;

import static io.regioncache.spring.CommandCounts.calls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.RedisMasterReplicaProcesses;
import io.regioncache.testsupport.RedisProcessesPerClass;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * region-cache.read-replica-url against a private master and its replica: which server each cache
 * operation reaches is read from the servers' own command counts.
 */
class RegionCacheReadReplicaIT {

    @RegisterExtension
    static final RedisProcessesPerClass<RedisMasterReplicaProcesses> servers = RedisProcessesPerClass.masterReplica();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RegionCacheAutoConfiguration.class))
            .withPropertyValues("region-cache.url=" + servers.get().masterUrl(),
                    "region-cache.read-replica-url=" + servers.get().replicaUrl(), "region-cache.failure-policy=raise",
                    "region-cache.command-timeout=1m");

    @Test
    void getsAreServedByTheReplicaAndPutsGoToTheMaster() {
        runner.run(context -> {
            Cache users = context.getBean(CacheManager.class).getCache("users");
            // Put and eviction run as scripts; Redis replicates a script's effects, not the script.
            long masterScripts = calls(servers.get().master(), "evalsha", "eval");
            long replicaScripts = calls(servers.get().replica(), "evalsha", "eval");

            users.put(1L, "ada");

            assertThat(calls(servers.get().master(), "evalsha", "eval")).isGreaterThan(masterScripts);
            assertThat(calls(servers.get().replica(), "evalsha", "eval")).isEqualTo(replicaScripts);
            // Replication is asynchronous: the replica has the put a moment later.
            await().atMost(Duration.ofSeconds(10)).until(() -> users.get(1L) != null);
            long masterReads = calls(servers.get().master(), "hget");
            long replicaReads = calls(servers.get().replica(), "hget");

            assertThat(users.get(1L).get()).isEqualTo("ada");

            assertThat(calls(servers.get().replica(), "hget")).isEqualTo(replicaReads + 1);
            assertThat(calls(servers.get().master(), "hget")).isEqualTo(masterReads);
        });
    }
}

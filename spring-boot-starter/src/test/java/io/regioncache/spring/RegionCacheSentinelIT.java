package io.regioncache.spring;

import static io.regioncache.spring.CommandCounts.calls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.RedisProcessesPerClass;
import io.regioncache.testsupport.RedisSentinelProcesses;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/** region-cache.url naming a master behind a private Sentinel, with region-cache.read-from. */
class RegionCacheSentinelIT {

    @RegisterExtension
    static final RedisProcessesPerClass<RedisSentinelProcesses> sentinel = RedisProcessesPerClass.sentinel();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RegionCacheAutoConfiguration.class))
            .withPropertyValues("region-cache.url=" + sentinel.get().url(), "region-cache.failure-policy=raise",
                    "region-cache.command-timeout=1m");

    @Test
    void readFromReplicaStoresOnTheMasterSentinelNamesAndReadsFromItsReplica() {
        runner.withPropertyValues("region-cache.read-from=replica").run(context -> {
            Cache users = context.getBean(CacheManager.class).getCache("users");
            long replicaReads = calls(sentinel.get().servers().replica(), "hget");

            users.put(1L, "ada");

            // Replication is asynchronous: the replica has the put a moment later.
            await().atMost(Duration.ofSeconds(10)).until(() -> users.get(1L) != null);
            assertThat(users.get(1L).get()).isEqualTo("ada");
            assertThat(calls(sentinel.get().servers().replica(), "hget")).isGreaterThan(replicaReads);
            assertThat(calls(sentinel.get().servers().master(), "hget")).isZero();
        });
    }
}

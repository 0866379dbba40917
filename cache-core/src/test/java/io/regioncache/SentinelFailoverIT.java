package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.RedisSentinelProcesses;
import io.regioncache.testsupport.RedisServerProcess;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A cache on a Sentinel URL follows the master Sentinel promotes, without a restart. */
@ExtendWith(ExpectedOutageLog.class)
class SentinelFailoverIT {

    @Test
    void afterTheMasterIsKilledTheSameCacheWritesAndReadsOnThePromotedReplica() {
        String prefix = TestRedis.uniquePrefix(SentinelFailoverIT.class);
        try (RedisSentinelProcesses servers = RedisSentinelProcesses.start();
             RegionCache cache = RegionCache.builder().redisUrl(servers.url()).keyPrefix(prefix)
                     .commandTimeout(Duration.ofMillis(500)).failurePolicy(FailurePolicy.RAISE).build()) {
            Region<Object> region = cache.region("r");
            region.put("k", "before");
            int oldMaster = servers.masterPort();

            int newMaster = servers.killMasterAndAwaitFailover();

            assertThat(newMaster).isNotEqualTo(oldMaster);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                region.put("k", "after");
                assertThat(region.get("k")).isEqualTo("after");
            });
            RedisServerProcess promoted = servers.servers().master().port() == newMaster
                    ? servers.servers().master() : servers.servers().replica();
            String stored = promoted.withCommands(redis -> redis.hget(prefix + "root.r", "k"));
            assertThat(stored).as("written on the promoted server").isNotNull();
        }
    }
}

package io.regioncache;

import io.regioncache.testsupport.RedisProcessesPerClass;
import io.regioncache.testsupport.RedisSentinelProcesses;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract on a master with a replica behind Sentinel (one set per test class): the cache
 * follows the master Sentinel names, and reads go to it (readFrom upstream), so the contract's
 * read-your-writes holds.
 */
class SentinelRegionCacheIT extends StoreContractsOnPrivateRedis {

    @RegisterExtension
    static final RedisProcessesPerClass<RedisSentinelProcesses> servers = RedisProcessesPerClass.sentinel();

    @Override
    CacheFactory factory() {
        return CacheFactory.privateRedis(servers.get().url(), SentinelRegionCacheIT.class);
    }
}

package io.regioncache;

import io.regioncache.testsupport.RedisSentinelProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on a master with a replica behind Sentinel (one set per test class): the cache
 * follows the master Sentinel names, and reads go to it (readFrom upstream), so the contract's
 * read-your-writes holds.
 */
class SentinelRegionCacheIT extends StoreContractsOnPrivateRedis {

    private static RedisSentinelProcesses servers;

    @BeforeAll
    static void startServers() {
        servers = RedisSentinelProcesses.start();
    }

    @AfterAll
    static void stopServers() {
        servers.close();
    }

    @Override
    CacheFactory factory() {
        return CacheFactory.privateRedis(servers.url(), SentinelRegionCacheIT.class);
    }
}

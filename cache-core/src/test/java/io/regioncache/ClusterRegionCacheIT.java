package io.regioncache;

import io.regioncache.testsupport.RedisClusterProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on a Redis Cluster of three masters (one per test class, shared by its tests):
 * the cluster key layout, the root purge subtree by subtree and the fences across slots must keep
 * every promise the standalone store keeps.
 */
class ClusterRegionCacheIT extends StoreContractsOnPrivateRedis {

    private static RedisClusterProcesses servers;

    @BeforeAll
    static void startServers() {
        servers = RedisClusterProcesses.start();
    }

    @AfterAll
    static void stopServers() {
        servers.close();
    }

    @Override
    CacheFactory factory() {
        return CacheFactory.privateRedis(servers.seedsUrl(), ClusterRegionCacheIT.class);
    }
}

package io.regioncache;

import io.regioncache.testsupport.RedisClusterProcesses;
import io.regioncache.testsupport.RedisProcessesPerClass;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract on a Redis Cluster of three masters (one per test class, shared by its tests):
 * the cluster key layout, the root purge subtree by subtree and the fences across slots must keep
 * every promise the standalone store keeps.
 */
class ClusterRegionCacheIT extends StoreContractsOnPrivateRedis {

    @RegisterExtension
    static final RedisProcessesPerClass<RedisClusterProcesses> servers = RedisProcessesPerClass.cluster();

    @Override
    CacheFactory factory() {
        return CacheFactory.privateRedis(servers.get().seedsUrl(), ClusterRegionCacheIT.class);
    }
}

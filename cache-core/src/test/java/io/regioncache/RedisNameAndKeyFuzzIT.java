package io.regioncache;

import io.regioncache.testsupport.TestRedis;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** {@link NameAndKeyFuzzContract} on Redis: hostile names and keys reach real hashes, sets and scripts. */
class RedisNameAndKeyFuzzIT extends NameAndKeyFuzzContract {

    private static final String PREFIX = TestRedis.uniquePrefix(RedisNameAndKeyFuzzIT.class);
    private static RegionCache cache;

    @BeforeContainer
    static void open() {
        cache = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(PREFIX).build();
    }

    @AfterContainer
    static void close() {
        cache.close();
        TestRedis.deleteKeys(PREFIX);
    }

    @Override
    RegionCache cache() {
        return cache;
    }
}

package io.regioncache;

import org.junit.jupiter.api.Nested;

/** The store contract on the test Redis (TestRedis). */
class RedisRegionCacheIT {

    @Nested
    class RegionBasics extends RegionBasicsContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.redis(RedisRegionCacheIT.class);
        }
    }

    @Nested
    class NestedInvalidation extends NestedInvalidationContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.redis(RedisRegionCacheIT.class);
        }
    }

    @Nested
    class CacheAsideRace extends CacheAsideRaceContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.redis(RedisRegionCacheIT.class);
        }
    }

    @Nested
    class Transaction extends TransactionContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.redis(RedisRegionCacheIT.class);
        }
    }

    @Nested
    class Ttl extends TtlContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.redis(RedisRegionCacheIT.class);
        }
    }

    @Nested
    class LocalSignal extends LocalSignalContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.redis(RedisRegionCacheIT.class);
        }
    }

    @Nested
    class BadInput extends BadInputContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.redis(RedisRegionCacheIT.class);
        }
    }
}

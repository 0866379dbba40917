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

    /** The same contract, every operation through {@link Region#async()}. */
    @Nested
    class RegionBasicsThroughAsync extends RegionBasicsContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.redis(RedisRegionCacheIT.class).throughAsync();
        }
    }

    /** The same contract, every operation through {@link Region#async()}. */
    @Nested
    class NestedInvalidationThroughAsync extends NestedInvalidationContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.redis(RedisRegionCacheIT.class).throughAsync();
        }
    }

    /** The same contract, every operation through {@link Region#async()}. */
    @Nested
    class CacheAsideRaceThroughAsync extends CacheAsideRaceContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.redis(RedisRegionCacheIT.class).throughAsync();
        }
    }

    /** The same contract, every operation through {@link Region#async()}. */
    @Nested
    class TtlThroughAsync extends TtlContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.redis(RedisRegionCacheIT.class).throughAsync();
        }
    }

    /** The same contract, every operation through {@link Region#async()}. */
    @Nested
    class BadInputThroughAsync extends BadInputContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.redis(RedisRegionCacheIT.class).throughAsync();
        }
    }

    @Nested
    class SingleFlight extends SingleFlightContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.redis(RedisRegionCacheIT.class);
        }
    }

    @Nested
    class SingleFlightThroughAsync extends SingleFlightContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.redis(RedisRegionCacheIT.class).throughAsync();
        }
    }
}

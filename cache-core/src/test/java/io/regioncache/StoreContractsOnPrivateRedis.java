package io.regioncache;

import org.junit.jupiter.api.Nested;

/**
 * The store contracts on a Redis that the test class starts for itself (a cluster, a master
 * with a replica behind Sentinel): a subclass starts its servers once for all its tests, nested
 * contracts included, with a static {@code RedisProcessesPerClass}, and says how caches reach
 * them. The blocking API only: the async view runs the same code and is covered on the test Redis.
 */
abstract class StoreContractsOnPrivateRedis {

    /** A factory of caches on the class's servers, under a key prefix of its own. */
    abstract CacheFactory factory();

    @Nested
    class RegionBasics extends RegionBasicsContract {
        @Override
        CacheFactory newFactory() {
            return factory();
        }
    }

    @Nested
    class NestedInvalidation extends NestedInvalidationContract {
        @Override
        CacheFactory newFactory() {
            return factory();
        }
    }

    @Nested
    class CacheAsideRace extends CacheAsideRaceContract {
        @Override
        CacheFactory newFactory() {
            return factory();
        }
    }

    @Nested
    class Transaction extends TransactionContract {
        @Override
        CacheFactory newFactory() {
            return factory();
        }
    }

    @Nested
    class Ttl extends TtlContract {
        @Override
        CacheFactory newFactory() {
            return factory();
        }
    }

    @Nested
    class LocalSignal extends LocalSignalContract {
        @Override
        CacheFactory newFactory() {
            return factory();
        }
    }

    @Nested
    class BadInput extends BadInputContract {
        @Override
        CacheFactory newFactory() {
            return factory();
        }
    }

    @Nested
    class SingleFlight extends SingleFlightContract {
        @Override
        CacheFactory newFactory() {
            return factory();
        }
    }
}

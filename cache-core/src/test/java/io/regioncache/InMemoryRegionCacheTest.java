package io.regioncache;

import org.junit.jupiter.api.Nested;

/** The store contract on the in-memory store. */
class InMemoryRegionCacheTest {

    @Nested
    class RegionBasics extends RegionBasicsContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.inMemory();
        }
    }

    @Nested
    class NestedInvalidation extends NestedInvalidationContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.inMemory();
        }
    }

    @Nested
    class CacheAsideRace extends CacheAsideRaceContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.inMemory();
        }
    }

    @Nested
    class Transaction extends TransactionContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.inMemory();
        }
    }

    @Nested
    class Ttl extends TtlContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.inMemory();
        }
    }

    @Nested
    class LocalSignal extends LocalSignalContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.inMemory();
        }
    }

    @Nested
    class BadInput extends BadInputContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.inMemory();
        }
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The store contract on the in-memory store. */
class InMemoryRegionCacheTest {

    @Test
    void twoInMemoryCachesBoundToOneGroupCapableSignalBothReceiveEveryEvent() {
        GroupingSignal saved = new GroupingSignal("saved");
        try (RegionCache first = RegionCache.inMemory(); RegionCache second = RegionCache.inMemory()) {
            first.region("users").put("k", "v");
            second.region("users").put("k", "v");
            first.region("users").invalidateOn(saved);
            second.region("users").invalidateOn(saved);

            saved.send("user saved");

            assertThat(first.region("users").get("k")).isNull();
            assertThat(second.region("users").get("k")).as("separate stores must not share a group").isNull();
        }
    }

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

    /** The same contract, every operation through {@link Region#async()}. */
    @Nested
    class RegionBasicsThroughAsync extends RegionBasicsContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.inMemory().throughAsync();
        }
    }

    /** The same contract, every operation through {@link Region#async()}. */
    @Nested
    class NestedInvalidationThroughAsync extends NestedInvalidationContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.inMemory().throughAsync();
        }
    }

    /** The same contract, every operation through {@link Region#async()}. */
    @Nested
    class CacheAsideRaceThroughAsync extends CacheAsideRaceContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.inMemory().throughAsync();
        }
    }

    /** The same contract, every operation through {@link Region#async()}. */
    @Nested
    class TtlThroughAsync extends TtlContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.inMemory().throughAsync();
        }
    }

    /** The same contract, every operation through {@link Region#async()}. */
    @Nested
    class BadInputThroughAsync extends BadInputContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.inMemory().throughAsync();
        }
    }

    @Nested
    class SingleFlight extends SingleFlightContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.inMemory();
        }
    }

    @Nested
    class SingleFlightThroughAsync extends SingleFlightContract {
        @Override
        CacheFactory newFactory() {
            return CacheFactory.inMemory().throughAsync();
        }
    }
}

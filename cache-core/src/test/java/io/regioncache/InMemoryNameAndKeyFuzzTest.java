package io.regioncache;

import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** {@link NameAndKeyFuzzContract} on the in-memory store. */
class InMemoryNameAndKeyFuzzTest extends NameAndKeyFuzzContract {

    private static RegionCache cache;

    @BeforeContainer
    static void open() {
        cache = RegionCache.inMemory();
    }

    @AfterContainer
    static void close() {
        cache.close();
    }

    @Override
    RegionCache cache() {
        return cache;
    }
}

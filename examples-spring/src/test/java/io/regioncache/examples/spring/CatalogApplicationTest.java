package io.regioncache.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.RegionCache;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The example as its command runs it: in memory, purged by the local signal its properties name. */
@SpringBootTest
class CatalogApplicationTest {

    @Autowired
    private CatalogTour tour;
    @Autowired
    private CatalogService catalog;
    @Autowired
    private RegionCache regionCache;

    @Test
    void theTourMissesHitsAndIsPurgedByTheSignalAndByTheEviction() {
        int before = catalog.databaseQueries();
        List<String> lines = tour.run();
        // product miss, hit, price miss, product miss after the signal, price miss after the eviction
        assertThat(catalog.databaseQueries() - before).isEqualTo(4);
        assertThat(lines).hasSize(7);
        assertThat(regionCache.toString()).doesNotContain("redis");
        assertThat(regionCache.region("catalog.prices").timeToLive()).isPresent();
    }
}

package io.regioncache.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.RegionCache;
import io.regioncache.testsupport.TestRedis;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The example with its redis profile, on the test Redis: purged by a message on its pub/sub channel. */
@SpringBootTest
@ActiveProfiles("redis")
class CatalogApplicationRedisIT {

    private static final String PREFIX = TestRedis.uniquePrefix(CatalogApplicationRedisIT.class);

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("region-cache.url", TestRedis::url);
        registry.add("region-cache.key-prefix", () -> PREFIX);
        registry.add("catalog.redis-channel", () -> PREFIX + "catalog-updated");
    }

    @Autowired
    private CatalogTour tour;
    @Autowired
    private CatalogService catalog;
    @Autowired
    private RegionCache regionCache;

    @AfterAll
    static void deleteKeys() {
        TestRedis.deleteKeys(PREFIX);
    }

    @Test
    void theTourRunsOnRedisAndThePubSubMessagePurgesTheCatalog() {
        int before = catalog.databaseQueries();
        List<String> lines = tour.run();
        assertThat(catalog.databaseQueries() - before).isEqualTo(4);
        assertThat(lines.get(3)).contains("redis pub/sub channel " + PREFIX + "catalog-updated");
        assertThat(regionCache.toString()).contains("127.0.0.1");
        // The tour ends with the eviction of catalog, then one price loaded again.
        long products = TestRedis.withCommands(redis -> redis.exists(PREFIX + "root.catalog.products"));
        long prices = TestRedis.withCommands(redis -> redis.exists(PREFIX + "root.catalog.prices"));
        assertThat(products).isZero();
        assertThat(prices).isEqualTo(1);
    }
}

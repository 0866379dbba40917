package io.regioncache.examples.spring;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** The catalog, in front of a pretend database that counts its queries. */
@Service
public class CatalogService {

    private final AtomicInteger databaseQueries = new AtomicInteger();

    /** Region {@code root.catalog.products}, key {@code ~Long:<id>}. */
    @Cacheable("catalog.products")
    public Product product(long id) {
        databaseQueries.incrementAndGet();
        return new Product(id, "Product " + id);
    }

    /** Region {@code root.catalog.prices}, which has a shorter ttl of its own. */
    @Cacheable("catalog.prices")
    public BigDecimal price(long id) {
        databaseQueries.incrementAndGet();
        return BigDecimal.valueOf(id * 100 + 99, 2);
    }

    /** Purges {@code catalog} and with it {@code catalog.products} and {@code catalog.prices}, in one step. */
    @CacheEvict(cacheNames = "catalog", allEntries = true)
    public void reloadCatalog() {
    }

    /** How many times the database was asked. */
    public int databaseQueries() {
        return databaseQueries.get();
    }
}

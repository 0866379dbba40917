package io.regioncache.examples.spring;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.regioncache.signals.Signals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

/**
 * What the example shows, step by step: a miss, a hit, a purge by the signal that {@code
 * region-cache.regions.catalog.invalidate-on} names, and {@code @CacheEvict(allEntries = true)}.
 */
@Component
public class CatalogTour {

    private final CatalogService catalog;
    private final CacheManager caches;
    private final String redisUrl;
    private final String redisChannel;

    CatalogTour(CatalogService catalog, CacheManager caches, @Value("${region-cache.url:}") String redisUrl,
                @Value("${catalog.redis-channel:}") String redisChannel) {
        this.catalog = catalog;
        this.caches = caches;
        this.redisUrl = redisUrl;
        this.redisChannel = redisChannel;
    }

    /** Takes the tour and returns what happened, one line per step. */
    public List<String> run() {
        List<String> lines = new ArrayList<>();
        catalog.reloadCatalog();
        lines.add(step("product(1), a miss", catalog.product(1)));
        lines.add(step("product(1) again, a hit", catalog.product(1)));
        lines.add(step("price(1), a miss in catalog.prices", catalog.price(1)));

        lines.add("signal " + sendCatalogUpdated() + " -> catalog and its sub-regions purged");
        awaitPurge();
        lines.add(step("product(1) after the signal, a miss", catalog.product(1)));

        catalog.reloadCatalog();
        lines.add("@CacheEvict(cacheNames = \"catalog\", allEntries = true) -> catalog.products and catalog.prices purged");
        lines.add(step("price(1) after the eviction, a miss", catalog.price(1)));
        return lines;
    }

    private String step(String what, Object result) {
        return String.format("%-40s %-30s database queries so far: %d", what, result, catalog.databaseQueries());
    }

    /** In memory, the local signal; on Redis, a message on the channel the regions are bound to. */
    private String sendCatalogUpdated() {
        if (redisChannel.isEmpty()) {
            Signals.named("catalog-updated").send("catalog updated");
            return "local:catalog-updated";
        }
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().publish(redisChannel, "catalog updated");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        return "redis pub/sub channel " + redisChannel;
    }

    /** A local signal purges before send returns; a pub/sub message arrives a moment later. */
    private void awaitPurge() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (caches.getCache("catalog.products").get(1L) != null) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("catalog.products was not purged within 5 s of the signal");
            }
            Thread.onSpinWait();
        }
    }
}

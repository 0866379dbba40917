package io.regioncache.signals.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.Invalidation;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.signals.Signals;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.QuietLog;
import io.regioncache.testsupport.TestRedis;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** End to end with cache-core on the test Redis: a PUBLISH, or a lost connection, purges bound regions. */
@ExtendWith(QuietLog.class)
class RegionInvalidationIT {

    /** How long a region must stay intact to show that a message did not purge it. */
    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    static final TestConnection publisher = TestConnection.toTestRedis();

    private final String prefix = TestRedis.uniquePrefix(RegionInvalidationIT.class);
    private final String clientName = RedisClients.uniqueName("e2e");
    private RegionCache cache;
    private RedisPubSubSignals redis;

    @BeforeEach
    void open() {
        cache = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).build();
        redis = RedisPubSubSignals.create(TestRedis.url() + "?clientName=" + clientName);
    }

    @AfterEach
    void close() {
        redis.close();
        cache.close();
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void publishPurgesTheBoundRegionAndItsDescendantsOnly() {
        Region<Object> products = filled("products");
        Region<Object> eu = fill(products.region("eu"));
        Region<Object> orders = filled("orders");
        products.invalidateOn(redis.channel(prefix + "products-changed"));

        publisher.publish(prefix + "products-changed", "anything");

        awaitEmpty(products);
        assertThat(eu.size()).isZero();
        assertThat(orders.size()).isEqualTo(2);
    }

    @Test
    void patternBindingPurgesOnEveryMatchingChannelAndNoOther() {
        Region<Object> prices = filled("prices");
        prices.invalidateOn(redis.pattern(prefix + "prices.*"));

        publisher.publish(prefix + "prices.eur", "1");
        awaitEmpty(prices);
        fill(prices);
        publisher.publish(prefix + "prices.usd", "2");
        awaitEmpty(prices);
        fill(prices);
        publisher.publish(prefix + "stock.eur", "3");
        assertStaysFilled(prices);
    }

    @Test
    void keysRulePurgesOnlyTheKeysTheMessageNames() {
        Region<Object> users = filled("users");
        users.invalidateOn(redis.channel(prefix + "user-saved"), event -> Invalidation.keys(List.of((String) event.payload())));

        publisher.publish(prefix + "user-saved", "a");

        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> !users.containsKey("a"));
        assertThat(users.get("b")).isEqualTo("value b");
    }

    @Test
    void subregionRulePurgesOnlyTheChildTheChannelNames() {
        Region<Object> catalog = filled("catalog");
        Region<Object> eu = fill(catalog.region("eu"));
        Region<Object> us = fill(catalog.region("us"));
        String channelPrefix = prefix + "catalog.";
        catalog.invalidateOn(redis.pattern(channelPrefix + "*"),
                event -> Invalidation.subregion(event.key().substring(channelPrefix.length())));

        publisher.publish(channelPrefix + "eu", "changed");

        awaitEmpty(eu);
        assertThat(us.size()).isEqualTo(2);
        assertThat(catalog.size()).isEqualTo(2);
    }

    @Test
    void lostConnectionPurgesTheRegionAndLaterMessagesPurgeAgain() {
        Region<Object> stock = filled("stock");
        stock.invalidateOn(redis.channel(prefix + "stock-changed"));

        // No message at all: the reconnect alone must purge, since messages may have been missed.
        assertThat(RedisClients.kill(publisher.commands(), clientName)).isEqualTo(1);
        awaitEmpty(stock);

        fill(stock);
        publisher.publish(prefix + "stock-changed", "after reconnect");
        awaitEmpty(stock);
    }

    @Test
    void closedBindingNoLongerPurges() {
        Region<Object> carts = filled("carts");
        Subscription binding = carts.invalidateOn(redis.channel(prefix + "carts-changed"));
        binding.close();

        publisher.publish(prefix + "carts-changed", "ignored");

        assertStaysFilled(carts);
    }

    @Test
    void signalMadeFromAUriPurgesToo() {
        Region<Object> news = filled("news");
        String channel = prefix + "news-changed";
        try (Subscription ignored = news.invalidateOn(Signals.of(TestRedis.url() + "?channel="
                + URLEncoder.encode(channel, StandardCharsets.UTF_8)))) {
            publisher.publish(channel, "x");
            awaitEmpty(news);
        }
    }

    @Test
    void closingTheCacheReleasesTheConnectionOfUriMadeSignals() {
        RegionCache own = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).build();
        String uriClient = RedisClients.uniqueName("e2e-uri");
        own.region("a").invalidateOn(Signals.of(TestRedis.url() + "?clientName=" + uriClient + "&channel=" + prefix + "a"));
        own.region("b").invalidateOn(Signals.of(TestRedis.url() + "?clientName=" + uriClient + "&pattern=" + prefix + "b*"));
        assertThat(RedisClients.named(publisher.commands(), uriClient)).as("one shared connection").hasSize(1);

        own.close();

        await().pollInSameThread().atMost(RecordingListener.WAIT)
                .until(() -> RedisClients.named(publisher.commands(), uriClient).isEmpty());
    }

    private Region<Object> filled(String name) {
        return fill(cache.region(name));
    }

    private static Region<Object> fill(Region<Object> region) {
        region.put("a", "value a");
        region.put("b", "value b");
        return region;
    }

    private static void awaitEmpty(Region<?> region) {
        await().pollInSameThread().atMost(RecordingListener.WAIT).until(() -> region.size() == 0);
    }

    private static void assertStaysFilled(Region<?> region) {
        await().pollInSameThread().during(QUIET).atMost(QUIET.plus(RecordingListener.WAIT))
                .until(() -> region.size() == 2);
    }
}

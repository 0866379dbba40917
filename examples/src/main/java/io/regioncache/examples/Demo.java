package io.regioncache.examples;

import com.google.common.eventbus.EventBus;
import io.regioncache.Invalidation;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.RegionOptions;
import io.regioncache.signals.LocalSignal;
import io.regioncache.signals.Signals;
import io.regioncache.signals.Subscription;
import io.regioncache.signals.guava.GuavaSignals;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A walk through region-cache: nested regions, TTL, a transaction, getOrCompute, memoization and
 * a local signal and a Guava event purging a region; with REGION_CACHE_URL a Redis PUBLISH, with
 * KAFKA_BOOTSTRAP a Kafka record. Uses Redis when REGION_CACHE_URL is set, the in-memory store
 * otherwise. On Redis it keeps to keys of its own ({@value #KEY_PREFIX}...) and deletes them at
 * the end, so it never touches another application's regions on a shared Redis.
 */
public final class Demo {

    /** Every Redis key the demo writes starts with this; nothing else is touched. */
    static final String KEY_PREFIX = "region-cache-demo:";

    private Demo() {
    }

    public static void main(String[] args) {
        String url = System.getenv("REGION_CACHE_URL");
        try (RegionCache cache = openCache(url)) {
            nestedRegions(cache);
            timeToLive(cache);
            transaction(cache);
            getOrCompute(cache);
            localSignal(cache);
            guavaEvent(cache);
            remoteSignals(cache);
            heading("Cleaning up");
            cache.region("demo").invalidate();
            say(cache.region("demo").name() + ".invalidate() purged every region the demo wrote, and nothing else.");
        }
        if (url != null && !url.isBlank()) {
            say("Deleted the demo's " + DemoKeys.deleteAll(url, KEY_PREFIX) + " remaining bookkeeping key(s) ("
                    + KEY_PREFIX + "*). Done.");
        } else {
            say("Done.");
        }
    }

    private static RegionCache openCache(String url) {
        if (url == null || url.isBlank()) {
            say("REGION_CACHE_URL is not set: using the in-memory store (one JVM, same semantics).");
            return RegionCache.inMemory();
        }
        // The demo's own key prefix, whatever REGION_CACHE_KEY_PREFIX says: it must not share
        // (and at the end purge) the regions of an application using that Redis.
        RegionCache cache = RegionCache.builder().redisUrl(url).keyPrefix(KEY_PREFIX).build();
        say("Using Redis: " + cache);
        return cache;
    }

    private static void nestedRegions(RegionCache cache) {
        heading("Nested regions");
        Region<Object> users = cache.region("demo.users");
        Region<Object> profiles = users.region("profiles");
        users.put("count", 2);
        profiles.put("alice", "Alice Liddell");
        profiles.put("bob", "Bob Marley");
        say(profiles.name() + " holds " + profiles.keys() + "; its parent is " + users.name());
        users.invalidate();
        say("after " + users.name() + ".invalidate(): users has " + users.size()
                + " entries, profiles has " + profiles.size() + " (children are purged with their parent)");
    }

    private static void timeToLive(RegionCache cache) {
        heading("Time to live");
        Region<Object> sessions = cache.region("demo.sessions", RegionOptions.defaults().withTimeout(Duration.ofMinutes(5)));
        sessions.put("token-1", "alice");
        say(sessions.name() + " expires in " + sessions.timeToLive().map(Duration::toSeconds).orElse(-1L)
                + " s; each write restarts the clock (withUpdateResetsTimeout(false) turns that off)");
    }

    private static void transaction(RegionCache cache) {
        heading("Transactions");
        Region<Object> accounts = cache.region("demo.accounts");
        accounts.transaction(tx -> {
            tx.put("alice", 100);
            tx.put("bob", 50);
            say("inside the transaction, reads see pending writes: alice=" + tx.get("alice"));
        });
        say("committed in one atomic step: " + accounts.getAll(List.of("alice", "bob")));
        try {
            accounts.transaction(tx -> {
                tx.put("alice", 0);
                throw new IllegalStateException("transfer refused");
            });
        } catch (IllegalStateException e) {
            say("a transaction that throws (" + e.getMessage() + ") leaves nothing behind: alice=" + accounts.get("alice"));
        }
    }

    private static void getOrCompute(RegionCache cache) {
        heading("getOrCompute and memoization");
        Region<Object> reports = cache.region("demo.reports");
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            reports.getOrCompute("daily", () -> "report #" + loads.incrementAndGet());
        }
        say("three getOrCompute calls, the loader ran " + loads.get() + " time(s): " + reports.get("daily"));
        Function<Integer, Object> square = reports.region("squares").cached(n -> {
            loads.incrementAndGet();
            return n * n;
        });
        say("cached square(12) = " + square.apply(12) + ", again = " + square.apply(12) + "; loader calls so far: " + loads.get());
    }

    private static void localSignal(RegionCache cache) {
        heading("Local signals");
        Region<Object> products = cache.region("demo.products");
        LocalSignal productSaved = Signals.named("product-saved");
        LocalSignal priceChanged = Signals.named("price-changed");
        Region<Object> prices = products.region("prices");
        products.put("p-1", "Teapot");
        prices.put("p-1", 25);
        prices.put("p-2", 40);
        try (Subscription whole = products.invalidateOn(productSaved);
             Subscription onlyKey = prices.invalidateOn(priceChanged, event -> Invalidation.keys(List.of(event.key())))) {
            priceChanged.send("p-1", 30);
            say("price-changed for p-1 removed just that key (a region purge would take p-2 too): prices keeps "
                    + prices.keys() + ", products still has " + products.size() + " entry");
            productSaved.send("p-1");
            say("product-saved purged " + products.name() + " when send() returned: size " + products.size());
        }
    }

    /** An event the host application already posts on its Guava bus. */
    record OrderShipped(String orderId) {
    }

    private static void guavaEvent(RegionCache cache) {
        heading("Guava EventBus");
        EventBus bus = new EventBus("shop");
        Region<Object> orders = cache.region("demo.orders");
        orders.put("o-1", "shipped? no");
        orders.put("o-2", "shipped? no");
        try (Subscription binding = orders.invalidateOn(GuavaSignals.on(bus, OrderShipped.class),
                event -> Invalidation.keys(List.of(((OrderShipped) event.payload()).orderId())))) {
            bus.post(new OrderShipped("o-1"));
            say("posting OrderShipped(o-1) on the bus removed that order: " + orders.keys());
        }
    }

    private static void remoteSignals(RegionCache cache) {
        String redisUrl = System.getenv("REGION_CACHE_URL");
        if (redisUrl != null && !redisUrl.isBlank()) {
            heading("Redis pub/sub");
            RemoteSignalDemos.redisPublish(cache, redisUrl, Demo::say);
        }
        String bootstrap = System.getenv("KAFKA_BOOTSTRAP");
        if (bootstrap != null && !bootstrap.isBlank()) {
            heading("Kafka");
            RemoteSignalDemos.kafkaRecord(cache, bootstrap, Demo::say);
        } else {
            say("");
            say("(set KAFKA_BOOTSTRAP=host:port to see a Kafka record purge a region"
                    + (redisUrl == null || redisUrl.isBlank() ? ", REGION_CACHE_URL for Redis pub/sub)" : ")"));
        }
    }

    private static void heading(String title) {
        say("");
        say("== " + title);
    }

    @SuppressWarnings("java:S106") // a demo talks to its user on stdout
    private static void say(String line) {
        System.out.println(line);
    }
}

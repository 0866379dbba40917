package io.regioncache.signals.guava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.SubscriberExceptionContext;
import io.regioncache.Invalidation;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.QuietLog;
import io.regioncache.testsupport.TestRedis;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Guava events purge bound regions of a real cache, in memory and on the test Redis. */
@ExtendWith(QuietLog.class)
class GuavaRegionInvalidationIT {

    record UserSaved(String id) {
    }

    record UserLoggedOut(String id) {
    }

    private final String prefix = TestRedis.uniquePrefix(GuavaRegionInvalidationIT.class);
    private final EventBus bus = new EventBus();
    private RegionCache cache;

    @AfterEach
    void closeCache() {
        if (cache != null) {
            cache.close();
        }
        TestRedis.deleteKeys(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-memory", "redis"})
    void anEventPurgesTheBoundRegionAndItsDescendantsUntilUnbound(String store) {
        open(store);
        Region<Object> users = cache.region("users");
        Region<Object> orders = cache.region("orders");
        fill(users, orders);

        Subscription binding = users.invalidateOn(GuavaSignals.on(bus, UserSaved.class));
        bus.post(new UserSaved("1"));

        assertThat(users.keys()).isEmpty();
        assertThat(users.region("sessions").keys()).isEmpty();
        assertThat(orders.keys()).containsExactly("order:1");

        binding.close();
        users.put("user:1", "Ada");
        bus.post(new UserSaved("1"));
        assertThat(users.get("user:1")).isEqualTo("Ada");
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-memory", "redis"})
    void aRuleTakesKeysOrSubregionFromTheEvent(String store) {
        open(store);
        Region<Object> users = cache.region("users");
        fill(users, cache.region("orders"));
        users.invalidateOn(GuavaSignals.on(bus, Object.class), event -> {
            if (event.payload() instanceof UserSaved saved) {
                return Invalidation.keys(List.of("user:" + saved.id()));
            }
            if (event.payload() instanceof UserLoggedOut loggedOut) {
                return Invalidation.subregion("sessions." + loggedOut.id());
            }
            return Invalidation.none();
        });

        bus.post(new UserSaved("1"));
        bus.post("something else");
        assertThat(users.keys()).containsExactly("user:2");
        assertThat(users.region("sessions.1").keys()).containsExactly("token");

        bus.post(new UserLoggedOut("1"));
        assertThat(users.region("sessions.1").keys()).isEmpty();
        assertThat(users.region("sessions.2").keys()).containsExactly("token");
        assertThat(users.keys()).containsExactly("user:2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-memory", "redis"})
    void anAsyncBusPurgesOnItsExecutor(String store) throws InterruptedException {
        open(store);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            EventBus async = new AsyncEventBus(executor);
            Region<Object> users = cache.region("users");
            fill(users, cache.region("orders"));
            users.invalidateOn(GuavaSignals.on(async, UserSaved.class));

            async.post(new UserSaved("1"));

            await().untilAsserted(() -> assertThat(users.keys()).isEmpty());
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-memory", "redis"})
    void aFailingRuleNeverReachesTheBusExceptionHandler(String store) {
        open(store);
        List<SubscriberExceptionContext> handled = new CopyOnWriteArrayList<>();
        EventBus guarded = new EventBus((exception, context) -> handled.add(context));
        Region<Object> users = cache.region("users");
        fill(users, cache.region("orders"));
        users.invalidateOn(GuavaSignals.on(guarded, UserSaved.class), event -> {
            throw new IllegalStateException("a bug in the rule");
        });

        // The cache's warning about the rule is expected: captured (slf4j-simple writes to
        // whatever System.err is at the time) and asserted rather than printed.
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            guarded.post(new UserSaved("1"));
        } finally {
            System.setErr(err);
        }

        // The cache purges the whole region when a rule fails: too much is safe, too little is not.
        assertThat(users.keys()).isEmpty();
        assertThat(handled).isEmpty();
        assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("The invalidation rule of region root.users").contains("a bug in the rule");
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-memory", "redis"})
    void closingTheCacheUnbindsItFromTheBus(String store) {
        open(store);
        cache.region("users").invalidateOn(GuavaSignals.on(bus, UserSaved.class));
        cache.region("orders").invalidateOn(GuavaSignals.on(bus, Object.class), event -> Invalidation.region());
        assertThat(BusTaps.registeredOn(bus)).isTrue();

        cache.close();

        assertThat(BusTaps.registeredOn(bus)).isFalse();
    }

    private void open(String store) {
        cache = store.equals("redis")
                ? RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix).build()
                : RegionCache.inMemory();
    }

    private static void fill(Region<Object> users, Region<Object> orders) {
        users.put("user:1", "Ada");
        users.put("user:2", "Grace");
        users.region("sessions.1").put("token", "a");
        users.region("sessions.2").put("token", "b");
        orders.put("order:1", "books");
        assertThat(users.keys()).isEqualTo(Set.of("user:1", "user:2"));
    }
}

package io.regioncache.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.regioncache.FailurePolicy;
import io.regioncache.Codecs;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.RegionOptions;
import io.regioncache.testsupport.RedisServerProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code watch} sees what a RegionCache in another process does, through keyspace notifications. */
class CliWatchIT {

    private static RedisServerProcess redis;

    private String prefix;
    private RegionCache cache;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.start("--notify-keyspace-events", "KEA");
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void openCache() {
        prefix = "watch:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        cache = RegionCache.builder().redisUrl(redis.url()).keyPrefix(prefix).failurePolicy(FailurePolicy.RAISE).build();
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    private CliProcess watch(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--url", redis.url(), "--prefix", prefix, "--json", "watch"));
        all.addAll(List.of(args));
        CliProcess watch = CliProcess.start(all.toArray(String[]::new));
        await().atMost(Duration.ofSeconds(30)).until(() -> watch.errSoFar().contains("Watching "));
        return watch;
    }

    @Test
    void watchSeesWritesRemovesAndPurgesUnderTheRegion() throws IOException {
        CliProcess watch = watch("users", "--count", "5");
        Region<Object> users = cache.region("users");

        users.put("alice", "Alice");
        users.remove("alice");
        cache.region("users.profiles").put("alice", 42);
        cache.region("orders").put("o-1", "pending");
        users.invalidate();

        CliProcess.Result result = watch.awaitExit().assertSuccess();
        // The purge script renews the generation before it deletes anything, so the purge shows first.
        assertThat(events(result)).containsExactly("write root.users", "remove root.users", "write root.users.profiles",
                "purge root.users", "deleted root.users.profiles");
        assertThat(CliProcess.JSON.readTree(result.lines().get(0)).get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void watchOfASubRegionSeesItsAncestorsPurge() {
        CliProcess watch = watch("users.profiles", "--count", "3");

        cache.region("users.profiles").put("alice", 42);
        cache.region("users").put("bob", "Bob");
        cache.clear();

        assertThat(events(watch.awaitExit().assertSuccess()))
                .containsExactly("write root.users.profiles", "purge root", "deleted root.users.profiles");
    }

    @Test
    void loadLeasesGivenBackOrExpiredAreNotRegionEvents() {
        CliProcess watch = watch("--count", "3");
        Region<String> users = cache.region("users", RegionOptions.of(Codecs.utf8()).withLoadLease(Duration.ofSeconds(20)));
        Region<String> orders = cache.region("orders", RegionOptions.of(Codecs.utf8()).withLoadLease(Duration.ofMillis(200)));
        // The store's lease key for "o-1" of root.orders: the load outlives it, so Redis expires it.
        String ordersLease = prefix + "root.orders::lease:o-1";

        users.getOrCompute("alice", () -> "Alice");
        orders.getOrCompute("o-1", () -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> redis.withCommands(commands -> commands.exists(ordersLease)) == 0);
            return "pending";
        });
        cache.region("done").put("marker", "1");

        assertThat(events(watch.awaitExit().assertSuccess()))
                .containsExactly("write root.users", "write root.orders", "write root.done");
    }

    @Test
    void ctrlCStopsWatch() throws IOException, InterruptedException {
        CliProcess watch = watch();

        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(watch.pid())).start();
        assertThat(kill.waitFor()).isZero();

        assertThat(watch.awaitExit().exitCode()).isEqualTo(130);
    }

    @Test
    void watchRefusesAServerThatPublishesNothingUnlessAskedToEnableNotifications() {
        try (RedisServerProcess quiet = RedisServerProcess.start()) {
            CliProcess.Result refused = CliProcess.run("--url", quiet.url(), "watch", "--seconds", "1");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("notify-keyspace-events").contains("--enable-notifications");

            CliProcess.Result enabled = CliProcess.run("--url", quiet.url(), "watch", "--seconds", "1", "--enable-notifications");
            assertThat(enabled.assertSuccess().err()).contains("Set notify-keyspace-events to 'Kgh$xe'");
            assertThat(quiet.withCommands(commands -> commands.configGet("notify-keyspace-events")).get("notify-keyspace-events"))
                    .contains("K", "g", "h", "$", "x", "e");
        }
    }

    /** "event region" of each JSON line watch printed. */
    static List<String> events(CliProcess.Result result) {
        return result.lines().stream().map(line -> {
            try {
                JsonNode event = CliProcess.JSON.readTree(line);
                return event.get("event").asText() + " " + event.get("region").asText();
            } catch (IOException e) {
                throw new AssertionError("Not a JSON line: " + line, e);
            }
        }).toList();
    }
}

package io.regioncache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regioncache.Codecs;
import io.regioncache.FailurePolicy;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.RegionOptions;
import io.regioncache.testsupport.RedisServerProcess;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every command against a private redis-server, in text and JSON, on regions a RegionCache wrote. */
class CliCommandsIT {

    private static RedisServerProcess redis;

    private String prefix;
    private RegionCache cache;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void openCache() {
        prefix = "cli:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        cache = RegionCache.builder().redisUrl(redis.url()).keyPrefix(prefix).failurePolicy(FailurePolicy.RAISE).build();
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    /** The CLI on this test's prefix, the connection options after the command. */
    private CliProcess.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", redis.url(), "--prefix", prefix));
        return CliProcess.run(all.toArray(String[]::new));
    }

    /** users (2 entries, 60 s TTL), users.profiles (1 entry), orders (1 entry). */
    private void writeSampleTree() {
        Region<Object> users = cache.region("users", RegionOptions.defaults().withTimeout(Duration.ofSeconds(60)));
        users.put("alice", "Alice");
        users.put("bob", "Bob");
        cache.region("users.profiles").put("alice", 42);
        cache.region("orders").put("o-1", "pending");
    }

    @Test
    void treePrintsTheRegionsIndentedWithEntriesAndTtl() {
        writeSampleTree();

        List<String> lines = cli("tree").assertSuccess().lines();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("root (0 entries, ttl none)");
        assertThat(lines.get(1)).isEqualTo("  root.orders (1 entry, ttl none)");
        assertThat(lines.get(2)).matches("  root\\.users \\(2 entries, ttl [0-9.]+s\\)");
        assertThat(lines.get(3)).isEqualTo("    root.users.profiles (1 entry, ttl none)");
    }

    @Test
    void treeStopsAtTheDepthAndSaysWhatItLeftOut() {
        writeSampleTree();

        assertThat(cli("tree", "users", "--depth", "0").assertSuccess().lines())
                .singleElement().asString().matches("root\\.users \\(2 entries, ttl [0-9.]+s, 1 child not shown\\)");
        assertThat(cli("tree", "--depth", "1").assertSuccess().lines()).hasSize(3);
    }

    @Test
    void treeAsJsonNestsTheChildren() {
        writeSampleTree();

        JsonNode root = cli("tree", "--json").assertSuccess().json();

        assertThat(root.get("region").asText()).isEqualTo("root");
        assertThat(root.get("childCount").asInt()).isEqualTo(2);
        JsonNode users = root.get("children").get(1);
        assertThat(users.get("region").asText()).isEqualTo("root.users");
        assertThat(users.get("entries").asLong()).isEqualTo(2);
        assertThat(users.get("ttlMillis").asLong()).isBetween(1L, 60_000L);
        assertThat(users.get("children").get(0).get("region").asText()).isEqualTo("root.users.profiles");
        assertThat(users.get("children").get(0).get("ttlMillis").isNull()).isTrue();

        JsonNode collapsed = cli("tree", "users", "--depth", "0", "--json").assertSuccess().json();
        assertThat(collapsed.get("childCount").asInt()).isEqualTo(1);
        assertThat(collapsed.has("children")).isFalse();
    }

    @Test
    void optionsWorkBeforeTheCommandAndTheUrlComesFromTheEnvironment() {
        writeSampleTree();

        CliProcess.Result before = CliProcess.run(Map.of(RegionCacheCli.URL_VARIABLE, redis.url()),
                "--prefix", prefix, "--json", "tree", "users.profiles");

        assertThat(before.assertSuccess().json().get("entries").asLong()).isEqualTo(1);
    }

    @Test
    void keysListsTheEntriesButNotTheBookkeepingFields() {
        writeSampleTree();
        redis.withCommands(commands -> commands.hset(prefix + "root.users", "__cache_region_created_at__", "0"));

        assertThat(cli("keys", "users").assertSuccess().lines()).containsExactlyInAnyOrder("alice", "bob");
        JsonNode json = cli("keys", "root.users", "--json").assertSuccess().json();
        assertThat(json.get("region").asText()).isEqualTo("root.users");
        assertThat(json.get("keys")).extracting(JsonNode::asText).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void getDecodesWithTheLibrarysCodecs() {
        cache.region("numbers").put("answer", 42);
        cache.region("texts", RegionOptions.of(Codecs.utf8())).put("greeting", "héllo wörld");
        cache.region("blobs", RegionOptions.of(Codecs.bytes())).put("raw", new byte[] {1, 2, (byte) 0xff});

        assertThat(cli("get", "numbers", "answer").assertSuccess().out()).isEqualTo("42\n");
        assertThat(cli("get", "texts", "greeting", "--codec", "utf8").assertSuccess().out()).isEqualTo("héllo wörld\n");
        assertThat(cli("get", "blobs", "raw", "--codec", "bytes").assertSuccess().out()).isEqualTo("0102ff\n");

        JsonNode json = cli("get", "numbers", "answer", "--json").assertSuccess().json();
        assertThat(json.get("region").asText()).isEqualTo("root.numbers");
        assertThat(json.get("key").asText()).isEqualTo("answer");
        assertThat(json.get("codec").asText()).isEqualTo("java");
        assertThat(json.get("type").asText()).isEqualTo("java.lang.Integer");
        assertThat(json.get("value").isInt()).isTrue();
        assertThat(json.get("value").asInt()).isEqualTo(42);
    }

    @Test
    void getPrintsJsonAsStoredWithoutLookingUpTheClassesItNames() {
        String document = "{\"@class\":\"com.example.Gadget\",\"items\":[1,2]}";
        cache.region("docs", RegionOptions.of(Codecs.utf8())).put("d", document);

        assertThat(cli("get", "docs", "d", "--codec", "json").assertSuccess().out()).contains("\"com.example.Gadget\"");
        JsonNode json = cli("get", "docs", "d", "--codec", "json", "--json").assertSuccess().json();
        assertThat(json.get("value").get("items").get(1).asInt()).isEqualTo(2);
        assertThat(json.get("type").asText()).isEqualTo("json");
    }

    @Test
    void theJavaCodecKeepsItsAllowListAndAllowExtendsIt() {
        // The writer's codec allows URIs; the CLI's default java codec does not.
        cache.region("links", RegionOptions.of(Codecs.javaSerialization("java.net.URI")))
                .put("home", URI.create("https://example.com/"));

        CliProcess.Result refused = cli("get", "links", "home");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains("java.net.URI").contains("--allow").doesNotContain("\tat ");

        assertThat(cli("get", "links", "home", "--allow", "java.net.URI").assertSuccess().out()).isEqualTo("https://example.com/\n");
    }

    @Test
    void ttlReportsWhatRedisHasForTheRegion() {
        writeSampleTree();

        assertThat(cli("ttl", "users").assertSuccess().out()).matches("[0-9.]+s\\n");
        assertThat(cli("ttl", "orders").assertSuccess().out()).isEqualTo("none\n");
        assertThat(cli("ttl", "nothing.here").assertSuccess().out()).isEqualTo("absent\n");

        JsonNode users = cli("ttl", "users", "--json").assertSuccess().json();
        assertThat(users.get("region").asText()).isEqualTo("root.users");
        assertThat(users.get("exists").asBoolean()).isTrue();
        assertThat(users.get("ttlMillis").asLong()).isBetween(1L, 60_000L);
        JsonNode absent = cli("ttl", "nothing", "--json").assertSuccess().json();
        assertThat(absent.get("exists").asBoolean()).isFalse();
        assertThat(absent.get("ttlMillis").isNull()).isTrue();
    }

    @Test
    void purgeRemovesTheRegionAndItsDescendantsAsTheLibraryDoes() {
        writeSampleTree();
        cache.region("users.profiles.avatars").put("alice", "a.png");

        assertThat(cli("purge", "users").assertSuccess().out()).isEqualTo("Purged root.users: 3 regions\n");

        assertThat(cache.region("users").get("alice")).isNull();
        assertThat(cache.region("users.profiles.avatars").get("alice")).isNull();
        assertThat(cache.region("orders").get("o-1")).isEqualTo("pending");
        assertThat(cli("tree").assertSuccess().lines()).containsExactly("root (0 entries, ttl none)",
                "  root.orders (1 entry, ttl none)");
        // The library's generation token moved, so loads that started before cannot store stale values.
        Long generations = redis.withCommands(commands -> commands.exists(prefix + "root.users::generation"));
        assertThat(generations).isEqualTo(1L);

        JsonNode json = cli("purge", "orders", "--json").assertSuccess().json();
        assertThat(json.get("region").asText()).isEqualTo("root.orders");
        assertThat(json.get("regionsPurged").asInt()).isEqualTo(1);
    }

    @Test
    void statsSumsEachTopLevelRegionWithEverythingBelowIt() {
        writeSampleTree();

        JsonNode json = cli("stats", "--json").assertSuccess().json();

        assertThat(json.get("root").get("regions").asInt()).isEqualTo(1);
        assertThat(json.get("regions")).extracting(row -> row.get("region").asText()).containsExactly("root.orders", "root.users");
        JsonNode users = json.get("regions").get(1);
        assertThat(users.get("regions").asInt()).isEqualTo(2);
        assertThat(users.get("entries").asInt()).isEqualTo(3);
        assertThat(users.get("memoryBytes").asLong()).isPositive();
        assertThat(json.get("total").get("regions").asInt()).isEqualTo(4);
        assertThat(json.get("total").get("entries").asInt()).isEqualTo(4);
        assertThat(json.get("total").get("memoryBytes").asLong())
                .isEqualTo(json.get("root").get("memoryBytes").asLong() + users.get("memoryBytes").asLong()
                        + json.get("regions").get(0).get("memoryBytes").asLong());

        List<String> table = cli("stats").assertSuccess().lines();
        assertThat(table.get(0)).matches("REGION +REGIONS +ENTRIES +MEMORY");
        assertThat(table).anyMatch(line -> line.matches("root\\.users +2 +3 +[0-9.]+ (B|KiB)"));
        assertThat(table.get(table.size() - 1)).matches("total +4 +4 +[0-9.]+ (B|KiB)");
    }

    @Test
    void anotherRootNameIsHonouredAndNamesWithoutItAreTakenUnderIt() {
        try (RegionCache app = RegionCache.builder().redisUrl(redis.url()).keyPrefix(prefix).rootName("app").build()) {
            app.region("users").put("k", "v");
        }

        assertThat(cli("--root", "app", "get", "users", "k").assertSuccess().out()).isEqualTo("v\n");
        assertThat(cli("--root", "app", "get", "app.users", "k").assertSuccess().out()).isEqualTo("v\n");
        assertThat(cli("--root", "app", "tree").assertSuccess().lines()).containsExactly("app (0 entries, ttl none)",
                "  app.users (1 entry, ttl none)");
    }

    @Test
    void outputIsUtf8WhateverTheRegionName() {
        cache.region("café", RegionOptions.of(Codecs.utf8())).put("clé", "thé");

        assertThat(cli("keys", "café").assertSuccess().out().getBytes(StandardCharsets.UTF_8))
                .isEqualTo("clé\n".getBytes(StandardCharsets.UTF_8));
        assertThat(cli("tree", "café").assertSuccess().out()).isEqualTo("root.café (1 entry, ttl none)\n");
    }

    @Test
    void theWrapperScriptRunsTheJar() {
        writeSampleTree();

        CliProcess.Result result = CliProcess.runWrapper("--url", redis.url(), "--prefix", prefix, "ttl", "orders");

        assertThat(result.assertSuccess().out()).isEqualTo("none\n");
    }
}

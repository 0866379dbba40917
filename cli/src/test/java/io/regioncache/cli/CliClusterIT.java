package io.regioncache.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.regioncache.FailurePolicy;
import io.regioncache.RegionCache;
import io.regioncache.RegionOptions;
import io.regioncache.testsupport.RedisClusterProcesses;
import io.regioncache.testsupport.RedisProcessesPerClass;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every command on a private three-master Redis Cluster, on 30 top-level regions a RegionCache
 * wrote, whose subtrees the cluster layout spreads over the masters; reached through the seeds
 * URL and through one node's URL alone.
 */
class CliClusterIT {

    private static final int TOP_LEVEL_REGIONS = 30;

    @RegisterExtension
    static final RedisProcessesPerClass<RedisClusterProcesses> cluster = RedisProcessesPerClass.cluster();

    private String prefix;
    private RegionCache cache;

    @BeforeEach
    void openCache() {
        prefix = "cli:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        cache = RegionCache.builder().redisUrl(cluster.get().seedsUrl()).keyPrefix(prefix).failurePolicy(FailurePolicy.RAISE).build();
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    private CliProcess.Result cli(String url, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", url, "--prefix", prefix));
        return CliProcess.run(all.toArray(String[]::new));
    }

    /** t00..t29 with entries i % 3 + 1 each (t01 with a 60 s TTL), and t00.sub with one entry. */
    private void writeThirtyTopLevelRegions() {
        for (int i = 0; i < TOP_LEVEL_REGIONS; i++) {
            String name = name(i);
            RegionOptions<Object> options = i == 1 ? RegionOptions.defaults().withTimeout(Duration.ofSeconds(60))
                    : RegionOptions.defaults();
            for (int entry = 0; entry <= i % 3; entry++) {
                cache.region(name, options).put("k" + entry, name + "-" + entry);
            }
        }
        cache.region("t00.sub").put("deep", "below");
        Set<Integer> owners = IntStream.range(0, TOP_LEVEL_REGIONS)
                .mapToObj(i -> cluster.get().ownerOf(prefix + "{root." + name(i) + "}")).collect(Collectors.toSet());
        assertThat(owners).as("the masters that own the 30 subtrees").hasSize(3);
    }

    private static String name(int i) {
        return String.format("t%02d", i);
    }

    @Test
    void treeKeysGetAndTtlReadEverySubtreeThroughTheSeedsOrOneNode() {
        writeThirtyTopLevelRegions();

        JsonNode tree = cli(cluster.get().seedsUrl(), "tree", "--json").assertSuccess().json();
        assertThat(tree.get("childCount").asInt()).isEqualTo(TOP_LEVEL_REGIONS);
        for (int i = 0; i < TOP_LEVEL_REGIONS; i++) {
            JsonNode region = tree.get("children").get(i);
            assertThat(region.get("region").asText()).isEqualTo("root." + name(i));
            assertThat(region.get("entries").asInt()).isEqualTo(i % 3 + 1);
        }
        assertThat(tree.get("children").get(0).get("children").get(0).get("entries").asInt()).isEqualTo(1);
        // One node's URL alone: the CLI finds it is a cluster node and reads the same tree (t01's TTL aside).
        JsonNode fromOneNode = cli(cluster.get().nodeUrl(), "tree", "--json").assertSuccess().json();
        assertThat(fromOneNode.get("childCount").asInt()).isEqualTo(TOP_LEVEL_REGIONS);
        assertThat(fromOneNode.get("children").get(29)).isEqualTo(tree.get("children").get(29));

        assertThat(cli(cluster.get().nodeUrl(), "keys", "t05").assertSuccess().lines()).containsExactlyInAnyOrder("k0", "k1", "k2");
        assertThat(cli(cluster.get().seedsUrl(), "get", "t00.sub", "deep").assertSuccess().out()).isEqualTo("below\n");
        assertThat(cli(cluster.get().seedsUrl(), "ttl", "t01").assertSuccess().out()).matches("[0-9.]+s\\n");
    }

    @Test
    void statsSumsEachTopLevelRegionFromItsOwnMaster() {
        writeThirtyTopLevelRegions();

        JsonNode stats = cli(cluster.get().seedsUrl(), "stats", "--json").assertSuccess().json();

        JsonNode rows = stats.get("regions");
        assertThat(rows).hasSize(TOP_LEVEL_REGIONS);
        for (int i = 0; i < TOP_LEVEL_REGIONS; i++) {
            assertThat(rows.get(i).get("region").asText()).isEqualTo("root." + name(i));
            assertThat(rows.get(i).get("regions").asInt()).isEqualTo(i == 0 ? 2 : 1);
            assertThat(rows.get(i).get("entries").asInt()).isEqualTo(i % 3 + 1 + (i == 0 ? 1 : 0));
            assertThat(rows.get(i).get("memoryBytes").asLong()).as("MEMORY USAGE of root.%s", name(i)).isPositive();
        }
        assertThat(stats.get("total").get("regions").asInt()).isEqualTo(TOP_LEVEL_REGIONS + 2);
        assertThat(stats.get("total").get("entries").asInt()).isEqualTo(60 + 1);
    }

    @Test
    void purgeIsOneScriptPerSubtreeAndTheRootGoesSubtreeBySubtree() {
        writeThirtyTopLevelRegions();

        assertThat(cli(cluster.get().nodeUrl(), "purge", "t00").assertSuccess().out()).isEqualTo("Purged root.t00: 2 regions\n");
        assertThat(cache.region("t00.sub").get("deep")).isNull();
        assertThat(cache.region("t03").get("k0")).isEqualTo("t03-0");
        assertThat(cli(cluster.get().seedsUrl(), "purge", "t00.sub").assertSuccess().out()).isEqualTo("Purged root.t00.sub: 1 region\n");

        // The root, then each of the 30 subtrees its child set names (the library keeps t00's name there).
        JsonNode purged = cli(cluster.get().seedsUrl(), "purge", "root", "--json").assertSuccess().json();
        assertThat(purged.get("regionsPurged").asInt()).isEqualTo(1 + TOP_LEVEL_REGIONS);
        for (int i = 0; i < TOP_LEVEL_REGIONS; i++) {
            assertThat(cache.region(name(i)).keys()).as("root.%s after the root's purge", name(i)).isEmpty();
        }
    }

    @Test
    void watchHearsWritesAndPurgesOnTwoMasters() {
        String first = name(0);
        String second = IntStream.range(1, TOP_LEVEL_REGIONS).mapToObj(CliClusterIT::name)
                .filter(name -> cluster.get().ownerOf(tagged(name)) != cluster.get().ownerOf(tagged(first))).findFirst().orElseThrow();
        CliProcess watch = CliProcess.start("--url", cluster.get().seedsUrl(), "--prefix", prefix, "--json", "watch",
                "--count", "6", "--enable-notifications");
        await().atMost(Duration.ofSeconds(30)).until(() -> watch.errSoFar().contains("Watching "));

        cache.region(first).put("a", "A");
        cache.region(second).put("b", "B");
        cache.region(first).invalidate();
        cache.region(second).invalidate();

        assertThat(CliWatchIT.events(watch.awaitExit().assertSuccess())).containsExactlyInAnyOrder(
                "write root." + first, "write root." + second, "purge root." + first, "deleted root." + first,
                "purge root." + second, "deleted root." + second);
    }

    @Test
    void anUnreachableClusterExitsWithTwoAndHidesThePassword() throws IOException {
        int[] ports = {CliErrorsIT.closedPort(), CliErrorsIT.closedPort()};
        String url = "redis://:s3cret-pw@127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1];

        CliProcess.Result result = CliProcess.run("--url", url, "tree");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("127.0.0.1:" + ports[0]).doesNotContain("s3cret-pw").hasLineCount(1);
    }

    private String tagged(String topLevel) {
        return prefix + "{root." + topLevel + "}";
    }
}

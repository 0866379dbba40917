package io.regioncache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.ScriptOutputType;
import io.regioncache.testsupport.RedisServerProcess;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A tree of 10,000 regions below the root: 100 top-level regions with 99 children each, one entry in each. */
class CliLargeTreeIT {

    private static final int TOP_LEVEL = 100;
    private static final int CHILDREN_EACH = 99;
    private static final int REGIONS = TOP_LEVEL * (CHILDREN_EACH + 1);
    /** Written server-side in one call, as region-cache lays regions out. */
    private static final String WRITE_TREE = """
            local p, tops, per = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
            for i = 1, tops do
              local top = 'root.t' .. i
              redis.call('SADD', p .. 'root::child_caches', top)
              redis.call('HSET', p .. top, 'k', 'v')
              for j = 1, per do
                local child = top .. '.c' .. j
                redis.call('SADD', p .. top .. '::child_caches', child)
                redis.call('HSET', p .. child, 'k', 'v')
              end
            end
            return tops * (per + 1)
            """;
    private static final String PREFIX = "cli-large:";

    private static RedisServerProcess redis;

    @BeforeAll
    static void writeTree() {
        redis = RedisServerProcess.start();
        writeTree(PREFIX);
    }

    private static void writeTree(String prefix) {
        Long written = redis.withCommands(commands -> commands.eval(WRITE_TREE, ScriptOutputType.INTEGER, new String[0],
                prefix, Integer.toString(TOP_LEVEL), Integer.toString(CHILDREN_EACH)));
        assertThat(written).isEqualTo(REGIONS);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static CliProcess.Result cli(String... args) {
        return cliOn(PREFIX, args);
    }

    private static CliProcess.Result cliOn(String prefix, String... args) {
        return CliProcess.run(List.of(List.of("--url", redis.url(), "--prefix", prefix), List.of(args)).stream()
                .flatMap(List::stream).toArray(String[]::new));
    }

    @Test
    void treePrintsEveryRegionOnceInDepthFirstOrder() {
        List<String> lines = cli("tree").assertSuccess().lines();

        assertThat(lines).hasSize(REGIONS + 1).doesNotHaveDuplicates();
        assertThat(lines.get(0)).isEqualTo("root (0 entries, ttl none)");
        assertThat(lines.get(1)).isEqualTo("  root.t1 (1 entry, ttl none)");
        assertThat(lines.get(2)).isEqualTo("    root.t1.c1 (1 entry, ttl none)");
        assertThat(lines.stream().filter(line -> line.startsWith("    root.t57.c"))).hasSize(CHILDREN_EACH);
    }

    @Test
    void treeAsJsonHoldsEveryRegion() {
        JsonNode root = cli("tree", "--json").assertSuccess().json();

        assertThat(root.get("children")).hasSize(TOP_LEVEL);
        assertThat(count(root)).isEqualTo(REGIONS + 1);
    }

    @Test
    void depthOneShowsTheTopLevelAndCountsWhatItLeftOut() {
        List<String> lines = cli("tree", "--depth", "1").assertSuccess().lines();

        assertThat(lines).hasSize(TOP_LEVEL + 1);
        assertThat(lines.get(1)).isEqualTo("  root.t1 (1 entry, ttl none, 99 children not shown)");
    }

    @Test
    void statsAddsUpEveryTopLevelSubtree() {
        JsonNode stats = cli("stats", "--json").assertSuccess().json();

        assertThat(stats.get("regions")).hasSize(TOP_LEVEL)
                .allSatisfy(row -> assertThat(row.get("regions").asInt()).isEqualTo(CHILDREN_EACH + 1));
        assertThat(stats.get("total").get("regions").asInt()).isEqualTo(REGIONS + 1);
        assertThat(stats.get("total").get("entries").asInt()).isEqualTo(REGIONS);
    }

    @Test
    void purgeCountsEveryRegionItRemoves() {
        String purged = "cli-large-purge:";
        writeTree(purged);

        assertThat(cliOn(purged, "purge", "t100", "--json").assertSuccess().json().get("regionsPurged").asInt())
                .isEqualTo(CHILDREN_EACH + 1);
        assertThat(cliOn(purged, "tree", "--depth", "1").assertSuccess().lines()).hasSize(TOP_LEVEL)
                .noneMatch(line -> line.contains("root.t100 "));
        assertThat(cliOn(purged, "purge", "root").assertSuccess().out())
                .isEqualTo("Purged root: " + (1 + REGIONS - (CHILDREN_EACH + 1)) + " regions\n");
        // Only the generation tokens the two purges renewed are left.
        List<String> left = redis.withCommands(commands -> commands.keys(purged + "*"));
        assertThat(left).containsExactlyInAnyOrder(purged + "root::generation", purged + "root.t100::generation");
    }

    private static int count(JsonNode region) {
        int regions = 1;
        for (JsonNode child : region.get("children")) {
            regions += count(child);
        }
        return regions;
    }
}

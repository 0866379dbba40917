package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.testsupport.RedisServerProcess;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Properties 1, 2 and 9 of docs/design.md, as the server sees them: a hit is one HGET, a
 * getOrCompute miss an HGET and an MGET sent together then one EVALSHA, a write and a whole-tree
 * invalidation are one EVALSHA each, and creating regions sends nothing. Uses a
 * private redis-server watched with MONITOR.
 */
class CommandCountIT {

    private static RedisServerProcess server;
    private static CommandMonitor monitor;
    private static RegionCache cache;

    @BeforeAll
    static void startServer() {
        server = RedisServerProcess.start("--loglevel", "warning");
        monitor = new CommandMonitor(server);
        cache = RegionCache.connect(server.url());
    }

    @AfterAll
    static void stopServer() {
        cache.close();
        monitor.close();
        server.close();
    }

    @Test
    void aHitIsOneHget() {
        cache.region("r").put("k", "v");

        List<String> sent = monitor.commandsSentBy(() -> assertThat(cache.region("r").get("k")).isEqualTo("v"));

        assertThat(sent).containsExactly("\"HGET\" \"root.r\" \"k\"");
    }

    @Test
    void aGetOrComputeMissIsTheHgetAndTheGenerationReadTogetherThenOneScriptCall() {
        cache.region("m").put("warm-up", 1);

        List<String> sent = monitor.commandsSentBy(() -> cache.region("m").getOrCompute("k", () -> "loaded"));

        // HGET and MGET leave together (one round trip, the load needs both), then the guarded write.
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0)).isEqualTo("\"HGET\" \"root.m\" \"k\"");
        assertThat(sent.get(1)).isEqualTo("\"MGET\" \"root::generation\" \"root.m::generation\"");
        assertThat(sent.get(2)).startsWith("\"EVALSHA\"");
        assertThat(cache.region("m").get("k")).isEqualTo("loaded");
    }

    @Test
    void anAsyncHitIsOneHgetToo() {
        cache.region("r").put("k", "v");

        List<String> sent = monitor.commandsSentBy(() -> assertThat(cache.region("r").async().get("k").join()).isEqualTo("v"));

        assertThat(sent).containsExactly("\"HGET\" \"root.r\" \"k\"");
    }

    @Test
    void aWriteIsOneScriptCallThatAlsoLinksTheAncestors() {
        cache.region("warm-up").put("k", 1);

        List<String> sent = monitor.commandsSentBy(() -> cache.region("a.b.c").put("k", "v"));

        assertThat(sent).singleElement().asString().startsWith("\"EVALSHA\"");
        assertThat(cache.region("a").children()).extracting(Region::name).containsExactly("root.a.b");
    }

    @Test
    void aPutIfAbsentIsOneScriptCallWhetherItStoresOrNot() {
        cache.region("warm-up").putIfAbsent("k", 1);
        Region<Object> region = cache.region("a.b.c");

        assertThat(monitor.commandsSentBy(() -> region.putIfAbsent("k", "v"))).singleElement().asString().startsWith("\"EVALSHA\"");
        assertThat(monitor.commandsSentBy(() -> region.putIfAbsent("k", "w"))).singleElement().asString().startsWith("\"EVALSHA\"");
        assertThat(region.get("k")).isEqualTo("v");
    }

    @Test
    void creatingRegionsSendsNothing() {
        List<String> sent = monitor.commandsSentBy(() ->
                cache.region("x.y").region("z.w", RegionOptions.of(Codecs.utf8())).parent().orElseThrow().region("e"));

        assertThat(sent).isEmpty();
    }

    @Test
    void invalidatingAThousandRegionsIsOneScriptCall() {
        Region<Object> tree = cache.region("tree");
        IntStream.range(0, 1000).forEach(i -> tree.region("n" + i % 10 + ".leaf" + i).putAll(Map.of("a", i, "b", i)));
        cache.region("warm-up").invalidate();

        List<String> sent = monitor.commandsSentBy(tree::invalidate);

        assertThat(sent).singleElement().asString().startsWith("\"EVALSHA\"");
        List<String> left = server.withCommands(redis -> redis.keys("root.tree*"));
        assertThat(left).containsExactly("root.tree::generation");
    }
}

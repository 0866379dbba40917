package io.regioncache.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import io.regioncache.testsupport.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The baselines of case 4 must do the whole job, or the speed-ups they anchor mean nothing. */
class PurgeBaselinesIT {

    private final RegionTree tree = new RegionTree("root.t", 3, 4, 5);
    private final byte[] value = Payloads.random(100);
    private BenchmarkRedis redis;
    private RedisCommands<String, byte[]> commands;

    @BeforeEach
    void open() {
        redis = BenchmarkRedis.open(TestRedis.url(), "it-purge");
        commands = redis.connect().sync();
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void pythonWalkDeletesEveryHashOfTheTreeAndNoOtherRegion() {
        PythonRegionWalk walk = new PythonRegionWalk(redis);
        walk.write(tree, value);
        commands.hset(redis.prefix() + "root.sibling", "k", value);
        assertThat(tree.regions()).allSatisfy(region ->
                assertThat(commands.hlen(redis.prefix() + region)).isEqualTo(tree.entriesPerRegion()));

        walk.invalidate(tree.top());

        assertThat(tree.regions()).allSatisfy(region ->
                assertThat(commands.exists(redis.prefix() + region)).isZero());
        assertThat(commands.hget(redis.prefix() + "root.sibling", "k")).isEqualTo(value);
    }

    @Test
    void springClearDeletesEveryEntryOfItsCacheAndNothingElse() {
        try (SpringCacheBaseline spring = new SpringCacheBaseline(redis)) {
            spring.fill(tree.entryCount(), value);
            commands.set(redis.prefix() + "other::e0", value);
            assertThat(commands.keys(spring.keyPattern())).hasSize(tree.entryCount());

            spring.clear();

            assertThat(commands.keys(spring.keyPattern())).isEmpty();
            assertThat(commands.get(redis.prefix() + "other::e0")).isEqualTo(value);
        }
    }

    @Test
    void theIssueTreeHasAThousandRegionsOfAHundredEntries() {
        RegionTree issue = RegionTree.issueShape("root.bench.purge");

        assertThat(issue.regions()).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(issue.entryCount()).isEqualTo(100_000);
    }
}

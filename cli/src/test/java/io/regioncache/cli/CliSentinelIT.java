package io.regioncache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regioncache.FailurePolicy;
import io.regioncache.RegionCache;
import io.regioncache.testsupport.RedisSentinelProcesses;
import org.junit.jupiter.api.Test;

/** The CLI behind a Sentinel finds the master it names, as the library does. */
class CliSentinelIT {

    @Test
    void treeReadsTheMasterTheSentinelNames() {
        try (RedisSentinelProcesses sentinel = RedisSentinelProcesses.start();
             RegionCache cache = RegionCache.builder().redisUrl(sentinel.url()).keyPrefix("cli:")
                     .failurePolicy(FailurePolicy.RAISE).build()) {
            cache.region("users").put("alice", "Alice");
            cache.region("users.profiles").put("alice", 42);

            JsonNode tree = CliProcess.run("--url", sentinel.url(), "--prefix", "cli:", "tree", "users", "--json")
                    .assertSuccess().json();

            assertThat(tree.get("entries").asInt()).isEqualTo(1);
            assertThat(tree.get("children").get(0).get("region").asText()).isEqualTo("root.users.profiles");
        }
    }
}

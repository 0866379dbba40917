package io.regioncache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyspaceEventsTest {

    private final RegionLayout layout = new RegionLayout("root", "p:", () -> false);
    private final KeyspaceEvents events = new KeyspaceEvents(layout, "root.users");

    private String read(String key, String event) {
        return events.interpret(key, event).map(e -> e.event() + " " + e.region()).orElse("-");
    }

    @Test
    void writesAndExpiryOfTheRegionAndItsDescendantsAreShown() {
        assertThat(read("p:root.users", "hset")).isEqualTo("write root.users");
        assertThat(read("p:root.users.profiles", "hset")).isEqualTo("write root.users.profiles");
        assertThat(read("p:root.users", "expire")).isEqualTo("-");
        assertThat(read("p:root.users", "expired")).isEqualTo("expired root.users");
        assertThat(read("p:root.users", "evicted")).isEqualTo("evicted root.users");
        assertThat(read("p:root.users::child_caches", "sadd")).isEqualTo("-");
    }

    @Test
    void onAClusterTheRootsWatchCoversEveryTaggedSubtree() {
        RegionLayout cluster = new RegionLayout("root", "p:", () -> true);
        KeyspaceEvents root = new KeyspaceEvents(cluster, "root");

        assertThat(root.patterns()).contains("p:{root}", "p:{root}::*", "p:{root.*");
        assertThat(root.interpret("p:{root.users}.profiles", "hset")).map(e -> e.event() + " " + e.region())
                .contains("write root.users.profiles");
        assertThat(new KeyspaceEvents(cluster, "root.users").interpret("p:{root}::generation", "set"))
                .map(e -> e.event() + " " + e.region()).contains("purge root");
    }

    @Test
    void loadLeasesAreBookkeepingNotRegions() {
        KeyspaceEvents root = new KeyspaceEvents(layout, "root");
        KeyspaceEvents clusterRoot = new KeyspaceEvents(new RegionLayout("root", "p:", () -> true), "root");

        for (String event : List.of("set", "del", "expired", "evicted")) {
            assertThat(root.interpret("p:root.users::lease:k", event)).as(event).isEmpty();
            assertThat(root.interpret("p:root.users::lease:k::generation", event)).as(event).isEmpty();
            assertThat(clusterRoot.interpret("p:{root.users}::lease:k", event)).as(event).isEmpty();
        }
    }

    @Test
    void regionsOutsideTheWatchAreNotShown() {
        assertThat(read("p:root.users2", "hset")).isEqualTo("-");
        assertThat(read("p:root", "hset")).isEqualTo("-");
        assertThat(read("other:root.users", "hset")).isEqualTo("-");
        assertThat(read("p:root.orders::generation", "set")).isEqualTo("-");
    }

    @Test
    void theGenerationChangeOfARemoveIsNotAPurge() {
        assertThat(read("p:root.users", "hdel")).isEqualTo("remove root.users");
        assertThat(read("p:root.users", "del")).isEqualTo("-");
        assertThat(read("p:root.users::generation", "set")).isEqualTo("-");
    }

    @Test
    void aGenerationChangeOnItsOwnIsAPurgeOfThatRegionOrAnAncestor() {
        assertThat(read("p:root.users.profiles", "del")).isEqualTo("deleted root.users.profiles");
        assertThat(read("p:root.users::generation", "set")).isEqualTo("purge root.users");
        assertThat(read("p:root::generation", "set")).isEqualTo("purge root");
        assertThat(read("p:root.users.profiles::generation", "set")).isEqualTo("purge root.users.profiles");
    }

    @Test
    void patternsMatchTheRegionItsDescendantsAndItsAncestorsGenerationsLiterally() {
        assertThat(new KeyspaceEvents(new RegionLayout("root", "a*[", () -> false), "root.x?").patterns())
                .containsExactly("a\\*\\[root.x\\?", "a\\*\\[root.x\\?.*", "a\\*\\[root.x\\?::*", "a\\*\\[root::generation");
    }

    @Test
    void missingFlagsAreThoseNeitherGivenNorImpliedByA() {
        assertThat(KeyspaceEvents.missingFlags("")).isEqualTo("Kgh$xe");
        assertThat(KeyspaceEvents.missingFlags("KEA")).isEmpty();
        assertThat(KeyspaceEvents.missingFlags("Kh")).isEqualTo("g$xe");
        assertThat(KeyspaceEvents.missingFlags("EA")).isEqualTo("K");
    }

    @Test
    void nothingIsShownForKeysOutsideThePrefix() {
        assertThat(events.interpret("root.users", "hset")).isEqualTo(Optional.empty());
    }
}

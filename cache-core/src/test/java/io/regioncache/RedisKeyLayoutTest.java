package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedisKeyLayoutTest {

    private final RedisKeyLayout standalone = RedisKeyLayout.standalone("p:", "root");
    private final RedisKeyLayout cluster = RedisKeyLayout.cluster("p:", "root");

    @Test
    void theStandaloneLayoutIsPythonRegionCachesWithoutHashTags() {
        assertThat(standalone.hashKey("root.users.profiles")).isEqualTo("p:root.users.profiles");
        assertThat(standalone.childrenKey("root.users")).isEqualTo("p:root.users::child_caches");
        assertThat(standalone.generationKey("root")).isEqualTo("p:root::generation");
        assertThat(standalone.leaseKey("root.users", "k")).isEqualTo("p:root.users::lease:k");
        assertThat(standalone.hashTag("root.users.profiles")).isEmpty();
        assertThat(standalone.isCluster()).isFalse();
        assertThat(standalone.prefix()).isEqualTo("p:");
        assertThat(standalone.rootName()).isEqualTo("root");
    }

    @Test
    void theClusterLayoutTagsEachSubtreeWithItsTopLevelRegionAndTheRootWithItsOwnName() {
        assertThat(cluster.hashKey("root")).isEqualTo("p:{root}");
        assertThat(cluster.hashKey("root.users")).isEqualTo("p:{root.users}");
        assertThat(cluster.childrenKey("root.users.profiles")).isEqualTo("p:{root.users}.profiles::child_caches");
        assertThat(cluster.generationKey("root.users.profiles.x")).isEqualTo("p:{root.users}.profiles.x::generation");
        assertThat(cluster.leaseKey("root.users", "k")).isEqualTo("p:{root.users}::lease:k");
        assertThat(cluster.hashTag("root.users.profiles")).isEqualTo("root.users");
        assertThat(cluster.hashTag("root")).isEqualTo("root");
        assertThat(cluster.isCluster()).isTrue();
    }

    @Test
    void regionOfFindsTheRegionOfItsHashKeyOnlyInBothLayouts() {
        for (RedisKeyLayout layout : List.of(standalone, cluster)) {
            for (String region : List.of("root", "root.users", "root.users.profiles")) {
                assertThat(layout.regionOf(layout.hashKey(region))).contains(region);
                assertThat(layout.regionOf(layout.childrenKey(region))).isEmpty();
                assertThat(layout.regionOf(layout.generationKey(region))).isEmpty();
                assertThat(layout.regionOf(layout.leaseKey(region, "k"))).isEmpty();
                assertThat(layout.regionOf(layout.leaseKey(region, "k::generation"))).isEmpty();
                assertThat(layout.generationOf(layout.generationKey(region))).contains(region);
                assertThat(layout.generationOf(layout.hashKey(region))).isEmpty();
                assertThat(layout.generationOf(layout.leaseKey(region, "k::generation"))).isEmpty();
            }
            assertThat(layout.regionOf("other:root.users")).isEmpty();
            assertThat(layout.regionOf("p:::store-id")).isEmpty();
            assertThat(layout.regionOf("p:rooted.users")).as("another root under the same prefix").isEmpty();
            assertThat(layout.regionOf("p:{rooted.users}")).isEmpty();
            assertThat(layout.regionOf("p:root.users.")).isEmpty();
        }
    }

    @Test
    void onAClusterOnlyKeysTaggedWithTheirSubtreeAreRegions() {
        assertThat(cluster.regionOf("p:root.users")).as("untagged").isEmpty();
        assertThat(cluster.regionOf("p:{root}.users")).as("tagged with the root").isEmpty();
        assertThat(cluster.regionOf("p:{root.users.profiles}")).as("tagged below the top level").isEmpty();
        assertThat(standalone.regionOf("p:{root.users}")).as("a tag on a standalone Redis").isEmpty();
    }

    @Test
    void theDescendantsKeyPrefixCoversTheSubtreeBelowARegion() {
        assertThat(standalone.descendantsKeyPrefix("root")).isEqualTo("p:root.");
        assertThat(standalone.descendantsKeyPrefix("root.users")).isEqualTo("p:root.users.");
        assertThat(cluster.descendantsKeyPrefix("root")).isEqualTo("p:{root.");
        assertThat(cluster.descendantsKeyPrefix("root.users")).isEqualTo("p:{root.users}.");
        assertThat(cluster.hashKey("root.users.profiles")).startsWith(cluster.descendantsKeyPrefix("root"))
                .startsWith(cluster.descendantsKeyPrefix("root.users"));
    }

    @Test
    void nullOrInvalidNamesAreRefusedNamingTheProblem() {
        for (RedisKeyLayout layout : List.of(standalone, cluster)) {
            assertThatThrownBy(() -> layout.hashKey(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("region name");
            assertThatThrownBy(() -> layout.generationKey(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("region name");
            assertThatThrownBy(() -> layout.hashTag(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("region name");
            assertThatThrownBy(() -> layout.descendantsKeyPrefix(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("region name");
            assertThatThrownBy(() -> layout.regionOf(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("redisKey");
            assertThatThrownBy(() -> layout.childrenKey("root.users::lease:k")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'root.users::lease:k'").hasMessageContaining("contains '::'");
            assertThatThrownBy(() -> layout.descendantsKeyPrefix("root..users")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty segment");
        }
        assertThatThrownBy(() -> RedisKeyLayout.isReservedField(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("field");
    }

    @Test
    void aRootThatIsAPrefixOfAnotherNameDoesNotTagIt() {
        assertThat(cluster.hashKey("rooted.users")).isEqualTo("p:{rooted.users}");
    }

    @Test
    void aDottedRootTagsItsChildrenWithTheWholeRootName() {
        RedisKeyLayout dotted = RedisKeyLayout.cluster("", "app.cache");

        assertThat(dotted.hashKey("app.cache.users.profiles")).isEqualTo("{app.cache.users}.profiles");
    }

    @Test
    void aPrefixWithABraceIsRefusedOnAClusterOnly() {
        assertThatThrownBy(() -> RedisKeyLayout.cluster("app{1}:", "root")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'app{1}:' contains a brace");
        assertThat(RedisKeyLayout.standalone("app{1}:", "root").hashKey("root.users")).isEqualTo("app{1}:root.users");
    }

    @Test
    void anInvalidRootIsRefusedNamingTheBadPart() {
        assertThatThrownBy(() -> RedisKeyLayout.standalone("p:", "root.")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'root.'");
        assertThatThrownBy(() -> RedisKeyLayout.cluster(null, "root")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("key prefix");
    }
}

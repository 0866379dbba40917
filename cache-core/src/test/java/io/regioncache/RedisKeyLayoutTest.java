package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(standalone.cluster()).isFalse();
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
        assertThat(cluster.cluster()).isTrue();
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

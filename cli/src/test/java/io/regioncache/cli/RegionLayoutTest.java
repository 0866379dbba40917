package io.regioncache.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RegionLayoutTest {

    private final RegionLayout layout = new RegionLayout("root", "app:", () -> false);

    @Test
    void namesWithoutTheRootAreTakenUnderIt() {
        assertThat(layout.resolve("users.profiles")).isEqualTo("root.users.profiles");
        assertThat(layout.resolve("root.users")).isEqualTo("root.users");
        assertThat(layout.resolve("root")).isEqualTo("root");
        assertThat(layout.resolve("rooted")).isEqualTo("root.rooted");
    }

    @Test
    void keysFollowTheLibrarysLayout() {
        assertThat(layout.hashKey("root.users")).isEqualTo("app:root.users");
        assertThat(layout.childSetKey("root.users")).isEqualTo("app:root.users::child_caches");
        assertThat(layout.generationKey("root.users")).isEqualTo("app:root.users::generation");
        assertThat(layout.parentOf("root.users.profiles")).contains("root.users");
        assertThat(layout.parentOf("root")).isEqualTo(Optional.empty());
        assertThat(layout.lineage("root.users.profiles")).containsExactly("root", "root.users", "root.users.profiles");
    }

    @Test
    void onAClusterTheKeysFollowTheLibrarysClusterLayout() {
        RegionLayout cluster = new RegionLayout("root", "app:", () -> true);

        assertThat(cluster.generationKey("root.users.profiles")).isEqualTo("app:{root.users}.profiles::generation");
        assertThat(cluster.tag("root.users.profiles")).isEqualTo("root.users");
        assertThat(cluster.regionOf("app:{root.users}.profiles")).contains("root.users.profiles");
        assertThat(cluster.regionOf("app:{root.users}.profiles::generation")).isEmpty();
        assertThat(layout.tag("root.users")).isEmpty();
    }

    @Test
    void theSessionIsAskedWhetherItIsAClusterOnce() {
        AtomicInteger asked = new AtomicInteger();
        RegionLayout counted = new RegionLayout("root", "app:", () -> asked.incrementAndGet() > 0);

        counted.hashKey("root.users");
        counted.generationKey("root.users.profiles");
        counted.regionOf("app:{root.users}");

        assertThat(asked).hasValue(1);
        assertThat(counted.cluster()).isTrue();
    }

    @Test
    void aPrefixWithABraceIsRefusedOnACluster() {
        RegionLayout braced = new RegionLayout("root", "app{1}:", () -> true);

        assertThatThrownBy(() -> braced.hashKey("root.users")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'app{1}:' contains a brace");
    }

    @Test
    void aDottedRootIsOneRegion() {
        RegionLayout dotted = new RegionLayout("app.cache", "", () -> false);

        assertThat(dotted.resolve("users")).isEqualTo("app.cache.users");
        assertThat(dotted.lineage("app.cache.users")).containsExactly("app.cache", "app.cache.users");
    }

    @Test
    void invalidNamesAreRefusedNamingTheBadPart() {
        assertThatThrownBy(() -> layout.resolve("users.")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends with a dot");
        assertThatThrownBy(() -> new RegionLayout("", "", () -> false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is empty");
    }
}

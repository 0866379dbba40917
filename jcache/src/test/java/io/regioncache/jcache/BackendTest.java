package io.regioncache.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BackendTest {

    @Test
    void aPasswordNeverShows() {
        assertThat(Backend.display(URI.create("redis://alice:s3cret@host:6379/0?prefix=p:")))
                .isEqualTo("redis://alice:***@host:6379/0?prefix=p:");
        assertThat(Backend.display(URI.create("redis://s3cret@host:6379"))).isEqualTo("redis://***@host:6379");
        assertThat(Backend.display(URI.create("redis://host:6379"))).isEqualTo("redis://host:6379");
    }

    @Test
    void cacheNamesThatAreNoRegionPathsBecomeOneEncodedSegment() {
        try (Backend memory = Backend.open(URI.create("memory:names"), new Properties(), () -> null)) {
            assertThat(memory.regionName("com.acme.User")).isEqualTo("root.com.acme.User");
            assertThat(memory.regionName("new cache")).isEqualTo("root.new%20cache");
            assertThat(memory.regionName("a::b.")).isEqualTo("root.a%3A%3Ab%2E");
            assertThat(memory.regionName("100%")).isEqualTo("root.100%25");
            assertThat(memory.regionName("x y")).isNotEqualTo(memory.regionName("x%20y"));
        }
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> Backend.open(URI.create("memory:x?sweepInterval=soon"), new Properties(), () -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sweepInterval 'soon'");
        assertThatThrownBy(() -> Backend.open(URI.create("memory:x?prefix"), new Properties(), () -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'prefix'");
    }
}

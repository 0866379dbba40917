package io.regioncache.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The configuration metadata in the jar, from which IDEs complete and explain the properties. */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyIsDescribedWithItsDefaultAndTheRegionSettingsAreListed() throws IOException {
        Map<String, JsonNode> properties = new HashMap<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's output").isNotNull();
            new ObjectMapper().readTree(in).get("properties")
                    .forEach(property -> properties.put(property.get("name").asString(), property));
        }
        assertThat(properties).containsKeys("region-cache.url", "region-cache.store", "region-cache.root",
                "region-cache.key-prefix", "region-cache.failure-policy", "region-cache.command-timeout",
                "region-cache.near-cache-size", "region-cache.cache-null-values", "region-cache.regions",
                "region-cache.read-replica-url", "region-cache.read-from");
        properties.values().forEach(property -> assertThat(property.path("description").asString())
                .as("description of %s", property.get("name")).isNotBlank());
        assertThat(properties.get("region-cache.near-cache-size").get("defaultValue").asLong()).isZero();
        assertThat(properties.get("region-cache.regions").get("description").asString())
                .contains("ttl", "update-resets-timeout", "codec", "value-type", "serial-filter", "load-lease",
                        "invalidate-on");
    }
}

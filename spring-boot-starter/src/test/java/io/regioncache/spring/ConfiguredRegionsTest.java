package io.regioncache.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regioncache.Codecs;
import io.regioncache.RegionOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredRegionsTest {

    private static ConfiguredRegions parse(String... keysAndValues) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            raw.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return ConfiguredRegions.parse(raw, "root");
    }

    @Test
    void eachSettingComesFromTheNearestRegionThatSetsIt() {
        ConfiguredRegions regions = parse("users.ttl", "10m", "users.update-resets-timeout", "false",
                "users.profiles.codec", "utf8", "users.profiles.avatars.ttl", "PT30S");
        RegionOptions<?> profiles = regions.options("users.profiles", RegionOptions.defaults());
        assertThat(profiles.timeout()).contains(Duration.ofMinutes(10));
        assertThat(profiles.updateResetsTimeout()).isFalse();
        assertThat(profiles.codec()).isSameAs(Codecs.utf8());
        RegionOptions<?> avatars = regions.options("root.users.profiles.avatars", RegionOptions.defaults());
        assertThat(avatars.timeout()).contains(Duration.ofSeconds(30));
        assertThat(avatars.codec()).isSameAs(Codecs.utf8());
        assertThat(regions.options("orders", RegionOptions.defaults())).isEqualTo(RegionOptions.defaults());
    }

    @Test
    void theRootsSettingsApplyToEveryRegion() {
        ConfiguredRegions regions = parse("root.ttl", "1h", "orders.codec", "bytes");
        assertThat(regions.options("orders.lines", RegionOptions.defaults()).timeout()).contains(Duration.ofHours(1));
        assertThat(regions.names()).containsExactly("", "orders");
    }

    @Test
    void aSerialFilterIsInheritedByTheJavaCodecOfDescendants() {
        ConfiguredRegions regions = parse("users.serial-filter", "java.lang.*;!*");
        assertThat(regions.options("users.profiles", RegionOptions.defaults()).codec().toString())
                .contains("java.lang.*;!*");
    }

    @Test
    void aJsonRegionReadsItsValueTypeAndPassesItToItsDescendants() {
        ConfiguredRegions regions = parse("users.codec", "json", "users.value-type", "java.time.Duration");
        assertThat(regions.options("users.admins", RegionOptions.defaults()).codec().decode("\"PT1M\"".getBytes()))
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aLoadLeaseIsInheritedByDescendantsUnlessTheySetTheirOwn() {
        ConfiguredRegions regions = parse("users.load-lease", "5s", "users.admins.load-lease", "PT1S");
        assertThat(regions.options("users.profiles", RegionOptions.defaults()).loadLease()).contains(Duration.ofSeconds(5));
        assertThat(regions.options("users.admins.roles", RegionOptions.defaults()).loadLease()).contains(Duration.ofSeconds(1));
        assertThat(regions.options("orders", RegionOptions.defaults()).loadLease()).isEmpty();
    }

    @Test
    void signalsAreReadFromIndexedAndCommaSeparatedForms() {
        ConfiguredRegions regions = parse("users.invalidate-on[1]", "local:b", "users.invalidate-on[0]", "local:a",
                "orders.invalidate-on", "local:c, local:d", "v2.0.invalidate-on.0", "local:e");
        assertThat(regions.signals()).extracting(ConfiguredRegions.SignalSetting::uri)
                .containsExactly("local:a", "local:b", "local:c", "local:d", "local:e");
        assertThat(regions.signals().get(4).region()).isEqualTo("v2.0");
        assertThat(regions.signals().get(0).property()).isEqualTo("region-cache.regions.users.invalidate-on[0]");
    }

    @Test
    void badValuesNameTheirProperty() {
        assertProblem(List.of("users.ttl", "soon"), "region-cache.regions.users.ttl is not a duration: 'soon'");
        assertProblem(List.of("users.ttl", "0s"), "region-cache.regions.users.ttl must be at least 1ms");
        assertProblem(List.of("users.load-lease", "a while"), "region-cache.regions.users.load-lease is not a duration: 'a while'");
        assertProblem(List.of("users.load-lease", "0ms"), "region-cache.regions.users.load-lease must be at least 1ms");
        assertProblem(List.of("users.codec", "xml"), "region-cache.regions.users.codec is not a codec: 'xml'");
        assertProblem(List.of("users.tll", "1m"), "region-cache.regions.users.tll is not a region setting");
        assertProblem(List.of("users", "1m"), "region-cache.regions.users names no setting");
        assertProblem(List.of("users.update-resets-timeout", "yes"),
                "region-cache.regions.users.update-resets-timeout must be true or false");
        assertProblem(List.of("users.serial-filter", "maxdepth=x"), "region-cache.regions.users.serial-filter is not a valid filter");
        assertProblem(List.of("users.codec", "utf8", "users.serial-filter", "java.lang.*"),
                "region-cache.regions.users.serial-filter applies to the java codec only");
        assertProblem(List.of("users.ttl[0]", "1m"), "region-cache.regions.users.ttl[0] is not a list");
        assertProblem(List.of("users.codec", "json", "users.value-type", "com.acme.Nowhere"),
                "region-cache.regions.users.value-type names no class on the class path: 'com.acme.Nowhere'");
        assertProblem(List.of("users.codec", "utf8", "users.value-type", "java.lang.String"),
                "region-cache.regions.users.value-type applies to the json codec only");
    }

    private static void assertProblem(List<String> keysAndValues, String message) {
        assertThatThrownBy(() -> parse(keysAndValues.toArray(String[]::new)))
                .isInstanceOf(RegionCacheConfigurationException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(((RegionCacheConfigurationException) e).action()).contains("region-cache.regions."));
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes region names and keys against a store: every name or key is either refused with the
 * documented exception (an {@link IllegalArgumentException} whose message shows no raw control
 * character or unpaired surrogate) or works in full (put, get, keys, invalidate), and an entry of the root written
 * before stays intact through all of it.
 */
abstract class NameAndKeyFuzzContract {

    private static final String SENTINEL_KEY = "sentinel";
    private static final String SENTINEL_VALUE = "kept through every try";

    /** The cache under test, open for the whole class. */
    abstract RegionCache cache();

    @Provide
    Arbitrary<String> hostile() {
        return FuzzedStrings.hostile();
    }

    @Property
    void aRegionNameIsRefusedClearlyOrWorksInFull(@ForAll("hostile") String name) {
        RegionCache cache = cache();
        cache.root().put(SENTINEL_KEY, SENTINEL_VALUE);
        if (!FuzzedStrings.isValidRegionName(name)) {
            assertThatThrownBy(() -> cache.region(name)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid region name")
                    .satisfies(e -> assertThat(FuzzedStrings.hasRawControl(e.getMessage())).isFalse());
        } else {
            Region<Object> region = cache.region(name);
            assertThat(region.name()).endsWith(name.startsWith("root.") ? name.substring("root.".length()) : name);
            region.put("k", name);
            assertThat(region.get("k")).isEqualTo(name);
            if (!region.name().equals(cache.root().name())) {
                region.invalidate();
                assertThat(region.get("k")).isNull();
            }
        }
        assertThat(cache.root().get(SENTINEL_KEY)).isEqualTo(SENTINEL_VALUE);
    }

    @Property
    void aKeyIsRefusedClearlyOrRoundTrips(@ForAll("hostile") String key) {
        Region<Object> region = cache().region("fuzz.keys");
        region.put(SENTINEL_KEY, SENTINEL_VALUE);
        if (key.startsWith("__") || !FuzzedStrings.isWellFormedUtf16(key)) {
            assertThatThrownBy(() -> region.put(key, "v")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Key '")
                    .satisfies(e -> assertThat(FuzzedStrings.hasRawControl(e.getMessage())).isFalse());
            assertThatThrownBy(() -> region.get(key)).isInstanceOf(IllegalArgumentException.class);
        } else {
            region.put(key, key);
            assertThat(region.get(key)).isEqualTo(key);
            assertThat(region.keys()).contains(key, SENTINEL_KEY);
            assertThat(region.remove(key)).isTrue();
            assertThat(region.containsKey(key)).isEqualTo(key.equals(SENTINEL_KEY));
        }
        assertThat(region.get(SENTINEL_KEY)).isEqualTo(key.equals(SENTINEL_KEY) ? null : SENTINEL_VALUE);
    }

    /** Found by the properties above: Redis had stored such keys and names as '?', sharing entries. */
    @Example
    void halfASurrogatePairIsRefusedRatherThanStoredAsAQuestionMark() {
        Region<Object> region = cache().region("fuzz.surrogates");
        region.put("?", "question mark");

        assertThatThrownBy(() -> region.put("\ud800", "lone")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\\ud800").hasMessageContaining("unpaired surrogate at index 0");
        assertThatThrownBy(() -> cache().region("a\udc00")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate at index 1");
        assertThat(region.get("?")).isEqualTo("question mark");
        assertThat(region.cached(argument -> "memoized " + argument).apply("\ud800")).isEqualTo("memoized \ud800");
        assertThat(cache().region("emoji.😀").name()).endsWith("emoji.😀");
    }
}

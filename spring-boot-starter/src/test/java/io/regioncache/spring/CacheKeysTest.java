package io.regioncache.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.cache.interceptor.SimpleKey;

class CacheKeysTest {

    private record UserKey(long id, String tenant) {
    }

    private record SerializableKey(long id) implements Serializable {
    }

    private enum Color { RED }

    @Test
    void plainStringsAreThemselvesAndReservedLookingOnesAreEscaped() {
        assertThat(CacheKeys.of("alice")).isEqualTo("alice");
        assertThat(CacheKeys.of("")).isEqualTo("");
        assertThat(CacheKeys.of("__meta")).isEqualTo("~__meta");
        assertThat(CacheKeys.of("~Long:42")).isEqualTo("~~Long:42");
    }

    @Test
    void scalarsCarryTheirTypeSoThatEqualTextsOfDifferentTypesStayApart() {
        assertThat(CacheKeys.of(42L)).isEqualTo("~Long:42");
        assertThat(CacheKeys.of(42)).isEqualTo("~Integer:42");
        assertThat(CacheKeys.of(new BigDecimal("1.50"))).isEqualTo("~BigDecimal:1.50");
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(CacheKeys.of(id)).isEqualTo("~UUID:123e4567-e89b-12d3-a456-426614174000");
        assertThat(CacheKeys.of(Color.RED)).isEqualTo("~enum:" + Color.class.getName() + ".RED");
        assertThat(List.of(CacheKeys.of("42"), CacheKeys.of(42), CacheKeys.of(42L), CacheKeys.of((short) 42)))
                .doesNotHaveDuplicates();
    }

    @Test
    void compositeKeysAreDigestsOfTheirContentStableForEqualKeys() {
        String twoParams = CacheKeys.of(new SimpleKey(42L, "eu"));
        assertThat(twoParams).matches("~sha256:[0-9a-f]{64}");
        assertThat(CacheKeys.of(new SimpleKey(42L, "eu"))).isEqualTo(twoParams);
        assertThat(List.of(twoParams, CacheKeys.of(new SimpleKey(42L, "us")), CacheKeys.of(new SimpleKey("42", "eu")),
                CacheKeys.of(new SimpleKey(42L, "eu", null)), CacheKeys.of(List.of(42L, "eu")), CacheKeys.of(SimpleKey.EMPTY)))
                .doesNotHaveDuplicates();
    }

    @Test
    void recordsAreKeysWhetherSerializableOrNot() {
        String key = CacheKeys.of(new UserKey(7, "eu"));
        assertThat(CacheKeys.of(new UserKey(7, "eu"))).isEqualTo(key);
        assertThat(CacheKeys.of(new UserKey(7, "us"))).isNotEqualTo(key);
        assertThat(CacheKeys.of(new SimpleKey(new UserKey(7, "eu"), 1))).isEqualTo(CacheKeys.of(new SimpleKey(new UserKey(7, "eu"), 1)));
        assertThat(CacheKeys.of(new SerializableKey(7))).isNotEqualTo(CacheKeys.of(new SerializableKey(8)));
    }

    @Test
    void aKeyThatCannotBeSerializedIsRefusedNamingItsClass() {
        Object opaque = new Object();
        assertThatThrownBy(() -> CacheKeys.of(new SimpleKey(opaque, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SimpleKey.class.getName())
                .hasMessageContaining("java.lang.Object")
                .hasMessageContaining("key expression");
    }
}

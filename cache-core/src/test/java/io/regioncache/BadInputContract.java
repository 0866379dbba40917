package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input gets a clear error and loses nothing; unreadable bytes are a miss under DEGRADE and a
 * CodecException under RAISE (property 7 of docs/design.md).
 */
abstract class BadInputContract extends StoreContract {

    @ParameterizedTest
    @ValueSource(strings = {"", ".a", "a.", "a..b", "a::b", "a b", "a\tb", "a\u0000b", "a\nb"})
    void invalidRegionNamesAreRefusedNamingTheProblem(String name) {
        assertThatThrownBy(() -> cache.region(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region name");
        assertThatThrownBy(() -> cache.root().region(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Invalidation.subregion(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesNameTheOffendingPart() {
        assertThatThrownBy(() -> cache.region("a..b")).hasMessage("Invalid region name 'a..b': it has an empty segment at index 2");
        assertThatThrownBy(() -> cache.region("a::b")).hasMessageContaining("'a::b'").hasMessageContaining("'::'");
        assertThatThrownBy(() -> cache.region("a\u0007b")).hasMessageContaining("a\\u0007b").hasMessageContaining("index 1");
    }

    @Test
    void reservedKeysAreRefused() {
        Region<Object> region = cache.region("r");
        assertThatThrownBy(() -> region.put("__cache_region_created_at__", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'__cache_region_created_at__' is reserved");
        assertThatThrownBy(() -> region.get("__x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> region.putAll(Map.of("ok", 1, "__x", 2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> region.putIfAbsent("__x", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'__x' is reserved");
        assertThatThrownBy(() -> Invalidation.keys(List.of("__x"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(region.containsKey("ok")).isFalse();
    }

    @Test
    void nullsAreRefusedWithNullPointerException() {
        Region<Object> region = cache.region("r");
        region.put("k", "kept");
        assertThatNullPointerException().isThrownBy(() -> region.put(null, 1));
        assertThatNullPointerException().isThrownBy(() -> region.put("k", null));
        assertThatNullPointerException().isThrownBy(() -> region.get(null));
        assertThatNullPointerException().isThrownBy(() -> region.getAll(Arrays.asList("k", null)));
        assertThatNullPointerException().isThrownBy(() -> region.remove(null));
        assertThatNullPointerException().isThrownBy(() -> region.containsKey(null));
        assertThatNullPointerException().isThrownBy(() -> region.getOrCompute("k", null));
        assertThatNullPointerException().isThrownBy(() -> region.cached(null));
        assertThatNullPointerException().isThrownBy(() -> region.cached(x -> x).apply(null));
        assertThatNullPointerException().isThrownBy(() -> region.transaction(null));
        assertThatNullPointerException().isThrownBy(() -> region.invalidateOn((io.regioncache.signals.Signal) null));
        assertThatNullPointerException().isThrownBy(() -> region.region(null));
        assertThatNullPointerException().isThrownBy(() -> region.region("c", null));
        assertThatNullPointerException().isThrownBy(() -> cache.region(null));
        assertThatNullPointerException().isThrownBy(() -> Invalidation.keys(Arrays.asList("a", null)));
        assertThatNullPointerException().isThrownBy(() -> region.transaction(tx -> tx.put("k", null)));
        assertThatNullPointerException().isThrownBy(() -> region.putIfAbsent(null, 1));
        assertThatNullPointerException().isThrownBy(() -> region.putIfAbsent("absent", null));
        assertThat(region.get("k")).isEqualTo("kept");
        assertThat(region.containsKey("absent")).isFalse();
    }

    @Test
    void aPutAllWithOneBadEntryWritesNothing() {
        Region<Object> region = cache.region("r");
        Map<String, Object> entries = new HashMap<>();
        entries.put("good", 1);
        entries.put("bad", null);

        assertThatNullPointerException().isThrownBy(() -> region.putAll(entries)).withMessageContaining("'bad'");
        assertThat(region.keys()).isEmpty();
    }

    @Test
    void aValueTheCodecCannotEncodeFailsAndLeavesStoredDataIntact() {
        Region<Object> region = cache.region("r");
        region.put("k", "kept");

        assertThatThrownBy(() -> region.put("k", new Object())).isInstanceOf(CodecException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> region.transaction(tx -> {
            tx.put("other", 1);
            tx.put("k", new Object());
        })).isInstanceOf(CodecException.class);
        assertThat(region.get("k")).isEqualTo("kept");
        assertThat(region.keys()).containsExactly("k");
    }

    @Test
    void aValueWhoseClassTheAllowListRefusesIsRefusedAtPutNamingTheWayToAllowIt() {
        Region<Object> region = cache.region("r");
        region.put("k", "kept");
        CodecsTest.Point point = new CodecsTest.Point(1, 2);

        assertThatThrownBy(() -> region.put("p", point)).isInstanceOf(CodecException.class)
                .hasMessageContaining(CodecsTest.Point.class.getName())
                .hasMessageContaining("Codecs.javaSerialization(\"io.regioncache.*\")")
                .hasMessageContaining("REGION_CACHE_SERIAL_FILTER=io.regioncache.*");
        assertThatThrownBy(() -> region.putAll(Map.of("p", List.of(point)))).isInstanceOf(CodecException.class)
                .hasMessageContaining("(it holds one)");
        assertThatThrownBy(() -> region.transaction(tx -> tx.put("p", point))).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> region.getOrCompute("p", () -> point)).as("a load that could not be cached says so")
                .isInstanceOf(CodecException.class);
        assertThat(region.keys()).containsExactly("k");

        Region<Object> allowed = cache.region("r", RegionOptions.defaults().withCodec(Codecs.javaSerialization("io.regioncache.*")));
        allowed.put("p", point);
        assertThat(allowed.get("p")).isEqualTo(point);
    }

    @Test
    void aRefusedClassIsWarnedOncePerClassNotOncePerRead() {
        cache.region("r", RegionOptions.of(Codecs.bytes())).putAll(Map.of("a", Tripwire.serialized(), "b", Tripwire.serialized()));

        try (CapturedLog log = new CapturedLog()) {
            for (int i = 0; i < 3; i++) {
                assertThat(cache.region("r").get("a")).isNull();
                assertThat(cache.region("r").getAll(List.of("a", "b"))).isEmpty();
            }

            assertThat(log.lines("WARN")).singleElement().asString().contains(Tripwire.class.getName())
                    .contains("later reads refused for the same reason are logged at DEBUG");
        }
        assertThat(Tripwire.tripped()).isFalse();
    }

    @Test
    void corruptBytesAreAMissUnderDegradeAndACodecExceptionUnderRaise() {
        cache.region("r", RegionOptions.of(Codecs.bytes())).put("k", new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 42});

        try (CapturedLog log = new CapturedLog()) {
            assertThat(cache.region("r").get("k")).isNull();
            assertThat(cache.region("r").getAll(List.of("k"))).isEmpty();
            assertThat(log.lines("WARN")).hasSize(2).allMatch(line -> line.contains("Treating key 'k' of region root.r as a miss"));
        }
        Region<Object> raising = anotherProcess(FailurePolicy.RAISE).region("r");
        assertThatThrownBy(() -> raising.get("k")).isInstanceOf(CodecException.class)
                .as("the codec's own exception, not wrapped again").hasMessageStartingWith("Cannot deserialize 5 bytes");
        assertThat(cache.region("r", RegionOptions.of(Codecs.bytes())).get("k")).as("the bytes are left in place").hasSize(5);
    }

    @Test
    void aClassOutsideTheAllowListIsNeverInstantiated() {
        cache.region("r", RegionOptions.of(Codecs.bytes())).put("k", Tripwire.serialized());

        try (CapturedLog log = new CapturedLog()) {
            assertThat(cache.region("r").get("k")).isNull();
            assertThat(log.text()).contains(Tripwire.class.getName());
        }
        assertThatThrownBy(() -> anotherProcess(FailurePolicy.RAISE).region("r").get("k"))
                .isInstanceOf(CodecException.class).hasMessageContaining(Tripwire.class.getName());
        assertThat(Tripwire.tripped()).isFalse();
    }

    @Test
    void getOrComputeReplacesUnreadableBytesUnderDegrade() {
        cache.region("r", RegionOptions.of(Codecs.bytes())).put("k", new byte[] {1, 2, 3});

        try (CapturedLog log = new CapturedLog()) {
            assertThat(cache.region("r").getOrCompute("k", () -> "fresh")).isEqualTo("fresh");
            assertThat(log.text()).contains("Treating key 'k'");
        }
        assertThat(cache.region("r").get("k")).isEqualTo("fresh");
    }
}

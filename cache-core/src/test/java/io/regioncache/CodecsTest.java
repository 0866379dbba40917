package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default codec reads java.base value types and refuses everything else, at read and, for
 * values of its own, already at write (property 8 of docs/design.md).
 */
class CodecsTest {

    record Point(int x, int y) implements Serializable {
    }

    static Stream<Object> javaBaseValues() {
        return Stream.of("text", 42, 42L, 3.5, true, 'c', new BigDecimal("12.50"), BigInteger.TEN, UUID.randomUUID(),
                LocalDate.of(2024, 5, 1), Instant.parse("2024-05-01T10:00:00Z"), Duration.ofSeconds(5), DayOfWeek.MONDAY,
                List.of(1, 2), Set.of("a"), Map.of("k", List.of(1)), new ArrayList<>(List.of("x")), new HashMap<>(Map.of("a", 1)),
                new TreeMap<>(Map.of("b", 2)), new LinkedList<>(List.of(1)), new int[] {1, 2}, new byte[] {3}, new long[][] {{4}},
                new String[] {"s"});
    }

    @ParameterizedTest
    @MethodSource("javaBaseValues")
    void theDefaultCodecRoundTripsJavaBaseValueTypes(Object value) {
        Codec<Object> codec = Codecs.javaSerialization();

        assertThat(codec.decode(codec.encode(value))).isEqualTo(value);
    }

    @Test
    void theDefaultCodecRefusesOtherClassesWithoutRunningTheirCode() {
        Codec<Object> codec = Codecs.javaSerialization();

        assertThatThrownBy(() -> codec.decode(Tripwire.serialized())).isInstanceOf(CodecException.class)
                .hasMessageContaining("class " + Tripwire.class.getName()).hasMessageContaining(Codecs.DEFAULT_SERIAL_FILTER);
        assertThat(Tripwire.tripped()).isFalse();
    }

    @Test
    void aValueTheFilterWouldRefuseAtReadIsRefusedAtEncode() {
        Codec<Object> codec = Codecs.javaSerialization();

        assertThatThrownBy(() -> codec.encode(new Point(1, 2))).isInstanceOf(CodecException.class)
                .hasMessageStartingWith("Cannot store a " + Point.class.getName()
                        + ": Codecs.javaSerialization() does not allow class " + Point.class.getName())
                .hasMessageContaining("Codecs.javaSerialization(\"io.regioncache.*\")")
                .hasMessageContaining("REGION_CACHE_SERIAL_FILTER=io.regioncache.*");
        assertThatThrownBy(() -> codec.encode(new HashMap<>(Map.of("p", new Point[] {new Point(1, 2)}))))
                .isInstanceOf(CodecException.class).hasMessageContaining("Cannot store a java.util.HashMap")
                .hasMessageContaining("does not allow class " + Point.class.getName() + "[] (it holds one)");
        assertThatThrownBy(() -> codec.encode(new byte[1_000_001])).isInstanceOf(CodecException.class)
                .hasMessageContaining("exceeds the limits").hasMessageContaining("array length 1000001");
        assertThat(codec.decode(codec.encode(new byte[1_000_000]))).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.BYTE_ARRAY).hasSize(1_000_000);
    }

    @Test
    void aRefusalAtReadNamesTheClassAndTheWayToAllowIt() {
        byte[] point = Codecs.javaSerialization(Point.class.getName()).encode(new Point(1, 2));

        assertThatThrownBy(() -> Codecs.javaSerialization().decode(point)).isInstanceOf(CodecException.class)
                .hasMessageContaining("class " + Point.class.getName())
                .hasMessageContaining("REGION_CACHE_SERIAL_FILTER=io.regioncache.*");
    }

    /** About 30 bytes: a serialized byte[] whose length field claims Integer.MAX_VALUE - 8 elements. */
    static byte[] hugeArrayClaim() {
        byte[] bytes = Codecs.javaSerialization().encode(new byte[] {1, 2, 3, 4});
        java.nio.ByteBuffer.wrap(bytes).putInt(bytes.length - 8, Integer.MAX_VALUE - 8);
        return bytes;
    }

    @Test
    void aCraftedHugeArrayIsRefusedByTheFilterNotAllocated() {
        byte[] crafted = hugeArrayClaim();

        assertThat(crafted.length).isLessThan(40);
        assertThatThrownBy(() -> Codecs.javaSerialization().decode(crafted)).isInstanceOf(CodecException.class)
                .hasMessageContaining("array length " + (Integer.MAX_VALUE - 8)).hasMessageContaining("does not allow it");
        try (RegionCache cache = RegionCache.inMemory(); CapturedLog log = new CapturedLog()) {
            cache.region("r", RegionOptions.of(Codecs.bytes())).put("k", crafted);
            assertThat(cache.region("r").get("k")).as("a miss under DEGRADE").isNull();
            assertThat(log.lines("WARN")).singleElement().asString().contains("array length " + (Integer.MAX_VALUE - 8));
        }
    }

    /** A class whose stored serialVersionUID the test changes, as a redeployed class would. */
    static final class Versioned implements Serializable {
        private static final long serialVersionUID = 1L;
        int value = 7;
    }

    @Test
    void aSerialVersionMismatchIsNotReportedAsRefusedByTheFilter() {
        Codec<Object> codec = Codecs.javaSerialization(Codecs.DEFAULT_SERIAL_FILTER + ";" + Versioned.class.getName());
        byte[] bytes = codec.encode(new Versioned());
        byte[] name = Versioned.class.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int nameAt = indexOf(bytes, name);
        java.nio.ByteBuffer.wrap(bytes).putLong(nameAt + name.length, 2L);

        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(CodecException.class)
                .hasMessageContaining("incompatible").hasMessageContaining(Versioned.class.getName())
                .hasMessageNotContaining("does not allow");
    }

    @Test
    void aRegionRethrowsTheCodecsExceptionUnderRaiseWithoutWrappingItAgain() {
        try (RegionCache cache = new RegionCache(new InMemoryRegionStore(), "root", "", RegionOptions.defaults(),
                FailurePolicy.RAISE)) {
            cache.region("r", RegionOptions.of(Codecs.bytes())).put("k", Tripwire.serialized());

            assertThatThrownBy(() -> cache.region("r").get("k")).isInstanceOf(CodecException.class)
                    .hasMessageStartingWith("Refused to deserialize class " + Tripwire.class.getName())
                    .cause().isNotInstanceOf(CodecException.class);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void aPatternExtendsTheDefaultListAndEndingWithBangStarReplacesIt() {
        Codec<Object> extended = Codecs.javaSerialization(Point.class.getName());
        Codec<Object> only = Codecs.javaSerialization(Point.class.getName() + ";!*");

        assertThat(extended.decode(extended.encode(List.of(new Point(3, 4))))).isEqualTo(List.of(new Point(3, 4)));
        assertThat(extended).hasToString("Codecs.javaSerialization(\"" + Point.class.getName() + "\")");
        assertThatThrownBy(() -> extended.decode(Tripwire.serialized())).isInstanceOf(CodecException.class);
        assertThat(only.decode(only.encode(new Point(1, 2)))).isEqualTo(new Point(1, 2));
        assertThat(only.decode(only.encode(new int[] {7}))).isEqualTo(new int[] {7});
        assertThatThrownBy(() -> only.encode(List.of(1))).isInstanceOf(CodecException.class).hasMessageContaining("java.util");
        assertThatThrownBy(() -> only.decode(Codecs.javaSerialization().encode(List.of(1)))).isInstanceOf(CodecException.class)
                .hasMessageContaining("java.util");
        assertThat(Tripwire.tripped()).isFalse();
    }

    @Test
    void aPatternCanRefuseADefaultClassAndRaiseALimit() {
        Codec<Object> noHashMaps = Codecs.javaSerialization("!java.util.HashMap");
        Codec<Object> bigArrays = Codecs.javaSerialization("maxarray=2000000");

        assertThatThrownBy(() -> noHashMaps.encode(new HashMap<>(Map.of("a", 1)))).isInstanceOf(CodecException.class);
        assertThat(noHashMaps.decode(noHashMaps.encode(new TreeMap<>(Map.of("a", 1))))).isEqualTo(Map.of("a", 1));
        assertThat(bigArrays.decode(bigArrays.encode(new byte[1_500_000]))).isNotNull();
    }

    @Test
    void deeplyNestedGraphsAreRefused() {
        List<Object> nested = new ArrayList<>();
        List<Object> innermost = nested;
        for (int depth = 0; depth < 100; depth++) {
            List<Object> next = new ArrayList<>();
            innermost.add(next);
            innermost = next;
        }
        Codec<Object> codec = Codecs.javaSerialization();
        byte[] bytes = codec.encode(nested);

        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(CodecException.class).hasMessageContaining("depth");
    }

    @Test
    void valuesThatCannotBeSerializedFailWithTheirClassName() {
        assertThatThrownBy(() -> Codecs.javaSerialization().encode(new Object())).isInstanceOf(CodecException.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void corruptBytesFailWithCodecException() {
        assertThatThrownBy(() -> Codecs.javaSerialization().decode(new byte[] {1, 2, 3})).isInstanceOf(CodecException.class)
                .hasMessageContaining("3 bytes");
    }

    @Test
    void badPatternsAreRefused() {
        assertThatNullPointerException().isThrownBy(() -> Codecs.javaSerialization(null));
        assertThatThrownBy(() -> Codecs.javaSerialization(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Codecs.javaSerialization("maxdepth=lots")).isInstanceOf(IllegalArgumentException.class);
        for (String malformed : new String[] {"!!!", "com.acme.**;a b", "com.acme/", "@", "com..acme", "!"}) {
            assertThatThrownBy(() -> Codecs.javaSerialization(malformed)).as(malformed)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is neither a class or package pattern");
        }
    }

    @Test
    void utf8AndBytesAreStoredAsTheyAre() {
        assertThat(Codecs.utf8().encode("é")).containsExactly(0xC3, 0xA9);
        assertThat(Codecs.utf8().decode(new byte[] {(byte) 0xC3, (byte) 0xA9})).isEqualTo("é");
        byte[] raw = {1, 2};
        assertThat(Codecs.bytes().decode(Codecs.bytes().encode(raw))).isSameAs(raw);
        assertThat(Codecs.javaSerialization()).isSameAs(Codecs.javaSerialization());
    }
}

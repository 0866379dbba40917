package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzes the default codec's decoding with what a writable Redis could hold: random bytes,
 * truncated and corrupted streams of real values, and crafted streams (deep nesting, huge declared
 * lengths). Decoding returns a value or throws {@link CodecException}, nothing else: no other
 * exception, no error, no memory exhausted.
 */
class CodecFuzzTest {

    private final Codec<Object> codec = Codecs.javaSerialization();

    @Provide
    Arbitrary<Serializable> values() {
        Arbitrary<Serializable> leaves = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(64).map(s -> (Serializable) s),
                Arbitraries.just((Serializable) "long ".repeat(2_000)),
                Arbitraries.integers().map(i -> (Serializable) i), Arbitraries.longs().map(l -> (Serializable) l));
        return Arbitraries.recursive(() -> leaves, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(list -> (Serializable) new ArrayList<>(list)),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(4), inner).ofMaxSize(3)
                        .map(map -> (Serializable) new HashMap<>(map))), 0, 4);
    }

    @Property
    void realValuesRoundTrip(@ForAll("values") Serializable value) {
        assertThat(codec.decode(codec.encode(value))).isEqualTo(value);
    }

    @Property
    void randomBytesAreAValueOrACodecException(@ForAll @Size(max = 512) byte[] bytes) {
        assertDecodesOrRefuses(bytes);
    }

    @Property
    void randomBytesAfterAValidHeaderAreAValueOrACodecException(@ForAll @Size(max = 512) byte[] tail) {
        assertDecodesOrRefuses(ByteBuffer.allocate(4 + tail.length).putInt(0xACED0005).put(tail).array());
    }

    @Property
    void everyTruncationOfARealValueIsACodecException(@ForAll("values") Serializable value, @ForAll @IntRange(max = 10_000) int cut) {
        byte[] bytes = codec.encode(value);
        byte[] truncated = java.util.Arrays.copyOf(bytes, cut % bytes.length);
        assertThat(catchThrowable(() -> codec.decode(truncated))).isInstanceOf(CodecException.class);
    }

    @Property
    void aCorruptedRealValueIsAValueOrACodecException(@ForAll("values") Serializable value,
                                                       @ForAll @IntRange(max = 10_000) int position, @ForAll byte replacement) {
        byte[] bytes = codec.encode(value);
        bytes[position % bytes.length] = replacement;
        assertDecodesOrRefuses(bytes);
    }

    @Property(tries = 50)
    void nestingBeyondTheDepthLimitIsACodecException(@ForAll @IntRange(min = 25, max = 500) int depth) throws IOException {
        List<Object> outer = new ArrayList<>();
        List<Object> current = outer;
        for (int i = 0; i < depth; i++) {
            List<Object> next = new ArrayList<>();
            current.add(next);
            current = next;
        }
        byte[] bytes = serializeWithoutFilter(outer);
        assertThat(catchThrowable(() -> codec.decode(bytes))).isInstanceOf(CodecException.class);
    }

    @Property
    void aHugeDeclaredArrayLengthIsACodecExceptionWithoutAllocating(@ForAll @IntRange(min = 1_000_001) int declared)
            throws IOException {
        byte[] bytes = serializeWithoutFilter(new long[] {7L});
        // The length is the 4 bytes before the one element's 8.
        ByteBuffer.wrap(bytes).putInt(bytes.length - 12, declared);
        assertThat(catchThrowable(() -> codec.decode(bytes))).isInstanceOf(CodecException.class);
    }

    @Example
    void aHugeDeclaredStringLengthIsACodecExceptionWithoutAllocating() throws IOException {
        byte[] bytes = serializeWithoutFilter("x".repeat(70_000));
        // A string over 65535 UTF-8 bytes is a TC_LONGSTRING (0x7C) with an 8-byte length.
        int marker = indexOf(bytes, (byte) 0x7C);
        ByteBuffer.wrap(bytes).putLong(marker + 1, Long.MAX_VALUE / 2);
        assertThat(catchThrowable(() -> codec.decode(bytes))).isInstanceOf(CodecException.class);
    }

    @Example
    void aMapOfManyEntriesStaysWithinItsLimitsAndDecodes() {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            map.put("k" + i, i);
        }
        assertThat(codec.decode(codec.encode((Serializable) map))).isEqualTo(map);
    }

    @Property
    void utf8AndBytesCodecsTakeAnyBytes(@ForAll @Size(max = 512) byte[] bytes) {
        assertThat(Codecs.bytes().decode(bytes)).isEqualTo(bytes);
        assertThat(Codecs.utf8().decode(bytes)).isNotNull();
    }

    private void assertDecodesOrRefuses(byte[] bytes) {
        Throwable thrown = catchThrowable(() -> codec.decode(bytes));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(CodecException.class);
        }
    }

    /** Writes a stream as an attacker would, past the codec's own checks at encode. */
    private static byte[] serializeWithoutFilter(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new AssertionError("no byte " + wanted);
    }
}

package io.regioncache.spring;

import io.regioncache.Codec;
import java.util.Arrays;
import java.util.Objects;

/**
 * A region codec that can also store {@link CachedNull}: as the two bytes {@code C0 80}, which no
 * UTF-8 text, JSON document or Java serialization stream starts with (0xC0 never occurs in UTF-8,
 * serialization starts with 0xACED). So that a byte value cannot pass for the marker either, the
 * rare encoded value that starts with 0xC0 is stored with one more 0xC0 in front, taken off again
 * when read; every other value is stored exactly as its codec encodes it, readable by other
 * clients of the same region.
 */
final class NullMarkingCodec implements Codec<Object> {

    private static final byte ESCAPE = (byte) 0xC0;
    private static final byte[] NULL_MARKER = {ESCAPE, (byte) 0x80};

    private final Codec<Object> values;

    @SuppressWarnings("unchecked")
    NullMarkingCodec(Codec<?> values) {
        // A codec of one type (utf8: String) sees other types as a ClassCastException at encode,
        // which the region reports as a CodecException naming the key and the codec.
        this.values = (Codec<Object>) Objects.requireNonNull(values, "codec");
    }

    @Override
    public byte[] encode(Object value) {
        if (value == CachedNull.INSTANCE) {
            return NULL_MARKER.clone();
        }
        byte[] bytes = values.encode(value);
        if (bytes.length == 0 || bytes[0] != ESCAPE) {
            return bytes;
        }
        byte[] escaped = new byte[bytes.length + 1];
        escaped[0] = ESCAPE;
        System.arraycopy(bytes, 0, escaped, 1, bytes.length);
        return escaped;
    }

    @Override
    public Object decode(byte[] bytes) {
        if (Arrays.equals(bytes, NULL_MARKER)) {
            return CachedNull.INSTANCE;
        }
        if (bytes.length >= 2 && bytes[0] == ESCAPE && bytes[1] == ESCAPE) {
            return values.decode(Arrays.copyOfRange(bytes, 1, bytes.length));
        }
        return values.decode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NullMarkingCodec && ((NullMarkingCodec) other).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

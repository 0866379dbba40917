package io.regioncache.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.Codecs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NullMarkingCodecTest {

    private final NullMarkingCodec bytes = new NullMarkingCodec(Codecs.bytes());

    @Test
    void theNullMarkerRoundTripsAndNoByteValuePassesForIt() {
        assertThat(bytes.decode(bytes.encode(CachedNull.INSTANCE))).isSameAs(CachedNull.INSTANCE);
        byte[] lookalike = {(byte) 0xC0, (byte) 0x80};
        assertThat(bytes.encode(lookalike)).isNotEqualTo(bytes.encode(CachedNull.INSTANCE));
        assertThat((byte[]) bytes.decode(bytes.encode(lookalike))).isEqualTo(lookalike);
        byte[] escapeOnly = {(byte) 0xC0};
        assertThat((byte[]) bytes.decode(bytes.encode(escapeOnly))).isEqualTo(escapeOnly);
        byte[] doubled = {(byte) 0xC0, (byte) 0xC0, 1};
        assertThat((byte[]) bytes.decode(bytes.encode(doubled))).isEqualTo(doubled);
    }

    @Test
    void otherValuesAreStoredExactlyAsTheirCodecWritesThem() {
        NullMarkingCodec utf8 = new NullMarkingCodec(Codecs.utf8());
        assertThat(utf8.encode("héllo")).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
        assertThat(utf8.decode("héllo".getBytes(StandardCharsets.UTF_8))).isEqualTo("héllo");
        NullMarkingCodec java = new NullMarkingCodec(Codecs.javaSerialization());
        assertThat(java.encode(42L)).isEqualTo(Codecs.javaSerialization().encode(42L));
        assertThat(java.decode(java.encode(42L))).isEqualTo(42L);
        assertThat(bytes.encode(new byte[0])).isEmpty();
    }
}

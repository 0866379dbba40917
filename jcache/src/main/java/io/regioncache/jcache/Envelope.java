package io.regioncache.jcache;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What a JCache entry's field holds: its expiry time (epoch milliseconds, {@link Long#MAX_VALUE}
 * for never) in 8 big-endian bytes, then the value as the codec wrote it. Keeping the expiry with
 * the value gives every entry its own expiry on any Redis version: readers treat an expired entry
 * as absent (and remove it), and a sweep removes the ones nobody reads.
 *
 * @param raw       the field's bytes exactly as stored, the expected bytes of a compare-and-set
 * @param expiresAt epoch milliseconds
 * @param value     the codec's bytes
 */
record Envelope(byte[] raw, long expiresAt, byte[] value) {

    static final long ETERNAL = Long.MAX_VALUE;
    private static final int HEADER = Long.BYTES;

    static Envelope of(long expiresAt, byte[] value) {
        byte[] raw = ByteBuffer.allocate(HEADER + value.length).putLong(expiresAt).put(value).array();
        return new Envelope(raw, expiresAt, value);
    }

    /** @throws IllegalStateException if the bytes are too short to be an entry */
    static Envelope parse(byte[] raw) {
        if (raw.length < HEADER) {
            throw new IllegalStateException("a field of " + raw.length + " bytes is not a JCache entry");
        }
        return new Envelope(raw, ByteBuffer.wrap(raw).getLong(), Arrays.copyOfRange(raw, HEADER, raw.length));
    }

    boolean expiredAt(long now) {
        return expiresAt <= now;
    }

    Envelope expiringAt(long time) {
        return of(time, value);
    }
}

package io.regioncache;

/**
 * Turns a region's values into the bytes stored in Redis and back. Implementations must be
 * thread-safe; they report failures as {@link CodecException} (any other runtime exception is
 * wrapped into one).
 *
 * @param <V> the type of the values
 * @see Codecs
 */
public interface Codec<V> {

    /**
     * @param value never null
     * @return the bytes to store
     * @throws CodecException if the value cannot be encoded
     */
    byte[] encode(V value);

    /**
     * @param bytes what the store holds, never null
     * @return the value
     * @throws CodecException if the bytes cannot be decoded
     */
    V decode(byte[] bytes);
}

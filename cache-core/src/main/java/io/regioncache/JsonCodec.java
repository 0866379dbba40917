package io.regioncache;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON through Jackson 3, for one declared type. Default typing is off (Jackson's default, never
 * switched on here): the JSON never names a class to instantiate, so bytes planted in a writable
 * Redis can only become the declared type and the plain values it is made of (with {@code
 * Object.class}: maps, lists, strings, numbers, booleans), never a gadget.
 */
final class JsonCodec<V> implements Codec<V> {

    /** Thread-safe once built; shared by every JSON codec. */
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Class<V> type;

    JsonCodec(Class<V> type) {
        this.type = type;
    }

    @Override
    public byte[] encode(V value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new CodecException("Cannot encode a " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public V decode(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (JacksonException e) {
            throw new CodecException("Cannot decode JSON as " + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Codecs.json(" + type.getName() + ")";
    }
}

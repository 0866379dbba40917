package io.regioncache.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.regioncache.Codec;
import io.regioncache.CodecException;
import io.regioncache.Codecs;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How {@code get} reads a stored value: the library's codecs, plus JSON read as a tree. */
enum ValueCodec {
    /** Text, as {@code Codecs.utf8()} stores it. */
    utf8,
    /** The raw bytes, shown in hex. */
    bytes,
    /** Java serialization behind the library's allow-list, as {@code Codecs.javaSerialization()} stores it. */
    java,
    /** JSON, read as a tree: no class is looked up or instantiated, whatever the document names. */
    json;

    /**
     * The value for text output and for the {@code value} field of JSON output.
     *
     * @param allowed extra allow-list patterns for {@link #java} ({@code jdk.serialFilter} syntax)
     * @throws InputException if the bytes cannot be read with this codec
     */
    Decoded decode(byte[] stored, List<String> allowed) {
        switch (this) {
            case utf8:
                String text = Codecs.utf8().decode(stored);
                return new Decoded(String.class.getName(), text, text);
            case bytes:
                String hex = HexFormat.of().formatHex(Codecs.bytes().decode(stored));
                return new Decoded("byte[]", hex, hex);
            case java:
                return decodeJava(stored, allowed);
            default:
                return decodeJson(stored);
        }
    }

    private static Decoded decodeJava(byte[] stored, List<String> allowed) {
        Codec<Object> codec = allowed.isEmpty() ? Codecs.javaSerialization()
                : Codecs.javaSerialization(Codecs.DEFAULT_SERIAL_FILTER + ";" + String.join(";", allowed));
        Object value;
        try {
            value = codec.decode(stored);
        } catch (CodecException e) {
            throw new InputException(e.getMessage() + "; --allow PATTERN extends the allow-list, --codec bytes shows the raw bytes", e);
        }
        String text = value instanceof Object[] ? Arrays.deepToString((Object[]) value) : String.valueOf(value);
        // JSON shows plain values as themselves and anything else as its toString(): turning an
        // object into JSON would run its getters.
        Object shown = value instanceof String || value instanceof Number || value instanceof Boolean ? value : text;
        return new Decoded(value.getClass().getName(), text, shown);
    }

    private static Decoded decodeJson(byte[] stored) {
        try {
            JsonNode tree = Json.MAPPER.readTree(stored);
            return new Decoded("json", Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree), tree);
        } catch (JsonProcessingException e) {
            throw new InputException("The value is not JSON (" + e.getOriginalMessage() + "); --codec bytes shows the raw bytes", e);
        } catch (IOException e) {
            throw new InputException("Cannot read the value as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @param type  the value's class name ({@code json} for a JSON tree, {@code byte[]} for bytes)
     * @param text  what text output prints
     * @param shown what JSON output puts in {@code value}
     */
    record Decoded(String type, String text, Object shown) {

        Map<String, Object> toJson(String region, String key, ValueCodec codec) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("region", region);
            document.put("key", key);
            document.put("codec", codec.name());
            document.put("type", type);
            document.put("value", shown);
            return document;
        }
    }
}

package io.regioncache.jcache;

import io.regioncache.Codec;
import java.util.Base64;

/**
 * How a JCache key becomes a hash field: a String key is the field itself after {@code "s:"}, so
 * that the command line and other processes read it; any other key is the codec's bytes in
 * Base64 after {@code "b:"}. Fields without either prefix belong to users of the region itself
 * and are not entries of the cache.
 */
final class KeyFields {

    private static final String STRING = "s:";
    private static final String ENCODED = "b:";

    private final Codec<Object> codec;

    KeyFields(Codec<Object> codec) {
        this.codec = codec;
    }

    String field(Object key) {
        if (key instanceof String text) {
            return STRING + text;
        }
        return ENCODED + Base64.getUrlEncoder().withoutPadding().encodeToString(codec.encode(key));
    }

    static boolean isEntry(String field) {
        return field.startsWith(STRING) || field.startsWith(ENCODED);
    }

    Object key(String field) {
        if (field.startsWith(STRING)) {
            return field.substring(STRING.length());
        }
        return codec.decode(Base64.getUrlDecoder().decode(field.substring(ENCODED.length())));
    }
}

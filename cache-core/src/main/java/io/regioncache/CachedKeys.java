package io.regioncache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/** The cache key of a {@link Region#cached memoized} function's argument. */
final class CachedKeys {

    private CachedKeys() {
    }

    static String of(Object argument) {
        Objects.requireNonNull(argument, "argument of a cached function");
        if (argument instanceof CharSequence || argument instanceof Number || argument instanceof Boolean
                || argument instanceof Character || argument instanceof Enum || argument instanceof UUID) {
            String key = String.valueOf(argument);
            if (!RedisKeyLayout.isReservedField(key) && RegionName.unpairedSurrogate(key) < 0) {
                return key;
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha256(identity(argument)));
    }

    private static byte[] identity(Object argument) {
        if (argument instanceof Serializable) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(argument);
                return bytes.toByteArray();
            } catch (IOException notReallySerializable) {
                // A field is not serializable: fall back to the documented toString identity.
            }
        }
        return (argument.getClass().getName() + ":" + argument).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }
}

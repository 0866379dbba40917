package io.regioncache.spring;

import io.regioncache.RedisKeyLayout;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Turns the keys Spring hands a cache ({@code @Cacheable} parameters, {@code SimpleKey}s, SpEL
 * results) into region keys, one-to-one: two keys map to the same region key only if they are
 * equal (up to SHA-256 for composite keys), and the same key maps to the same region key in every
 * JVM.
 * <ul>
 *   <li>A String is itself, except that one starting with {@code ~} or {@code __} gets a {@code ~}
 *       in front ({@code __}, {@link RedisKeyLayout#RESERVED_FIELD_PREFIX}, starts the store's
 *       bookkeeping fields).</li>
 *   <li>A number, Boolean, Character or UUID is {@code ~Type:value}, such as {@code ~Long:42}, so
 *       that {@code 42L}, {@code 42} and {@code "42"} stay three keys, as they are for Spring.</li>
 *   <li>An enum constant is {@code ~enum:com.acme.Color.RED}.</li>
 *   <li>Anything else ({@code SimpleKey}s of several parameters, records, lists) is {@code
 *       ~sha256:} and the SHA-256 of its Java serialization, in which a record that is not
 *       Serializable is written as its class name and components. Such a key changes when its
 *       classes' serialized form does; a key that cannot be serialized is refused with an
 *       IllegalArgumentException naming its class.</li>
 * </ul>
 */
final class CacheKeys {

    private static final String TAG = "~";
    private static final Set<Class<?>> SCALARS = Set.of(Long.class, Integer.class, Short.class, Byte.class,
            Double.class, Float.class, BigInteger.class, BigDecimal.class, Boolean.class, Character.class, UUID.class);

    private CacheKeys() {
    }

    /**
     * The region key of {@code key}.
     *
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException if a composite key cannot be serialized
     */
    static String of(Object key) {
        Objects.requireNonNull(key, "key");
        if (key instanceof String) {
            String text = (String) key;
            return text.startsWith(TAG) || RedisKeyLayout.isReservedField(text) ? TAG + text : text;
        }
        if (SCALARS.contains(key.getClass())) {
            return TAG + key.getClass().getSimpleName() + ":" + key;
        }
        if (key instanceof Enum) {
            Enum<?> constant = (Enum<?>) key;
            return TAG + "enum:" + constant.getDeclaringClass().getName() + "." + constant.name();
        }
        return TAG + "sha256:" + digest(key);
    }

    private static String digest(Object key) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
        try (KeyOutputStream out = new KeyOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), sha256))) {
            out.writeObject(key);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("Cannot make a cache key of " + key.getClass().getName() + ": "
                    + e.getMessage() + " is neither Serializable nor a record, a String, a number, a UUID or an enum; "
                    + "make it one, or give @Cacheable a key expression that yields one", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot make a cache key of " + key.getClass().getName() + ": " + e, e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Java serialization that writes records which are not Serializable as their class name and components. */
    private static final class KeyOutputStream extends ObjectOutputStream {

        KeyOutputStream(OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object object) throws IOException {
            Class<?> type = object.getClass();
            if (!type.isRecord() || object instanceof Serializable) {
                return object;
            }
            List<Object> form = new ArrayList<>();
            form.add("record " + type.getName());
            for (RecordComponent component : type.getRecordComponents()) {
                form.add(component(object, component));
            }
            return form;
        }

        private static Object component(Object record, RecordComponent component) throws IOException {
            try {
                component.getAccessor().setAccessible(true);
                return component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new NotSerializableException(record.getClass().getName() + "." + component.getName());
            }
        }
    }
}

package io.regioncache;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The built-in codecs. Each is thread-safe and may be shared by any number of regions. */
public final class Codecs {

    /**
     * The deserialization filter of {@link #javaSerialization()}, in {@code jdk.serialFilter}
     * syntax: value types of {@code java.lang}, {@code java.util}, {@code java.time} and {@code
     * java.math} (not their sub-packages), within limits that stop a few crafted bytes from
     * allocating gigabytes: object graphs at most 20 deep, at most 1,000,000 references, arrays
     * (including the tables that collections allocate while reading) of at most 1,000,000
     * elements, and at most 64 MiB of stream. Store larger values with {@link #bytes()} or your
     * own codec. Extend it with {@code Codecs.javaSerialization("com.acme.model.**")}.
     */
    public static final String DEFAULT_SERIAL_FILTER = SerialFilters.DEFAULT_LIMITS + ";" + SerialFilters.DEFAULT_CLASSES;

    private static final Codec<Object> DEFAULT_SERIALIZATION = JavaSerializationCodec.withDefaultList();

    private static final Codec<String> UTF8 = new Codec<>() {
        @Override
        public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Codecs.utf8()";
        }
    };

    private static final Codec<byte[]> BYTES = new Codec<>() {
        @Override
        public byte[] encode(byte[] value) {
            return value;
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return bytes;
        }

        @Override
        public String toString() {
            return "Codecs.bytes()";
        }
    };

    private Codecs() {
    }

    /**
     * Java serialization behind an {@link java.io.ObjectInputFilter} allow-list ({@link
     * #DEFAULT_SERIAL_FILTER}), so that bytes planted in a writable Redis cannot instantiate
     * arbitrary classes. The default codec of {@link RegionOptions#defaults()}. A value whose
     * classes the list would refuse at read is refused at {@link Codec#encode} with a {@link
     * CodecException} that names the class and the pattern that would allow it, so nothing
     * unreadable is ever stored.
     */
    public static Codec<Object> javaSerialization() {
        return DEFAULT_SERIALIZATION;
    }

    /**
     * Java serialization behind the default allow-list extended by {@code filterPattern}, in
     * {@code jdk.serialFilter} syntax: {@code "com.acme.**"} allows the classes of {@code
     * com.acme} and its sub-packages besides the default ones. The pattern is matched before the
     * default classes, so it can also refuse ({@code "com.acme.**;!java.util.HashMap"}) and, ending
     * with {@code !*}, replace the default list ({@code "com.acme.**;java.lang.*;!*"} allows those
     * two and nothing else); its limits ({@code maxdepth=50}) override the default ones. A class
     * that no pattern allows is refused (primitive values and arrays of them are always allowed):
     * at encode with a {@link CodecException}, and, for bytes written by anyone else, at decode
     * before any of its code runs.
     *
     * @throws NullPointerException     if {@code filterPattern} is null
     * @throws IllegalArgumentException if the pattern is blank or an element of it is neither a
     *                                  class or package pattern nor a limit (such as {@code "!!!"})
     */
    public static Codec<Object> javaSerialization(String filterPattern) {
        return JavaSerializationCodec.extending(Objects.requireNonNull(filterPattern, "filterPattern"));
    }

    /**
     * JSON for values of {@code type} through Jackson 3 ({@code tools.jackson.core:jackson-databind},
     * an optional dependency the application adds). Records, beans, collections and {@code
     * java.time} values map as Jackson maps them; the bytes are plain JSON any client can read.
     * Default typing stays off: the JSON never names a class to instantiate, so a writable Redis
     * cannot make this codec build anything but {@code type} and the plain values inside it (a
     * payload with type hints such as {@code ["com.evil.Gadget", {...}]} decodes, for {@code
     * Object.class}, as a list). Bytes that are not JSON of {@code type} fail decoding with {@link
     * CodecException}. Thread-safe.
     *
     * @throws NullPointerException  if {@code type} is null
     * @throws IllegalStateException if Jackson 3 is not on the classpath (the message says what to add)
     */
    public static <V> Codec<V> json(Class<V> type) {
        Objects.requireNonNull(type, "type");
        try {
            Class.forName("tools.jackson.databind.json.JsonMapper", false, Codecs.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Codecs.json needs Jackson 3 on the classpath: add the dependency "
                    + "tools.jackson.core:jackson-databind (3.x)", e);
        }
        return new JsonCodec<>(type);
    }

    /** Strings as UTF-8 bytes, readable by any client. */
    public static Codec<String> utf8() {
        return UTF8;
    }

    /** Byte arrays stored as they are. */
    public static Codec<byte[]> bytes() {
        return BYTES;
    }
}

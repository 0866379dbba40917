package io.regioncache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.atomic.AtomicReference;

/** Java serialization whose reads go through an allow-list filter. */
final class JavaSerializationCodec implements Codec<Object> {

    private final String pattern;
    private final ObjectInputFilter filter;

    JavaSerializationCodec(String pattern) {
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("The serialization filter pattern must not be blank");
        }
        this.pattern = pattern;
        this.filter = refuseUndecidedClasses(ObjectInputFilter.Config.createFilter(pattern));
    }

    /**
     * A pattern filter answers UNDECIDED for classes it does not mention, and ObjectInputStream
     * lets those through; an allow-list must refuse them. Primitives (and arrays of them) are
     * never mentioned by patterns and carry no code, so they stay allowed.
     */
    private static ObjectInputFilter refuseUndecidedClasses(ObjectInputFilter patterns) {
        return info -> {
            ObjectInputFilter.Status status = patterns.checkInput(info);
            Class<?> type = info.serialClass();
            if (status != ObjectInputFilter.Status.UNDECIDED || type == null) {
                return status;
            }
            while (type.isArray()) {
                type = type.getComponentType();
            }
            return type.isPrimitive() ? status : ObjectInputFilter.Status.REJECTED;
        };
    }

    @Override
    public byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new CodecException("Cannot serialize a " + value.getClass().getName() + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(byte[] bytes) {
        AtomicReference<String> refused = new AtomicReference<>();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(info -> {
                ObjectInputFilter.Status status = filter.checkInput(info);
                if (status == ObjectInputFilter.Status.REJECTED) {
                    refused.set(describe(info));
                }
                return status;
            });
            return in.readObject();
        } catch (InvalidClassException e) {
            if (refused.get() != null) {
                throw new CodecException("Refused to deserialize " + refused.get() + ": the filter \"" + pattern
                        + "\" does not allow it (see Codecs.javaSerialization(String))", e);
            }
            // Not the filter: the stored class no longer matches the local one (serialVersionUID).
            throw new CodecException("Cannot deserialize " + bytes.length + " bytes: the stored class " + e.classname
                    + " is incompatible with the local one (" + e.getMessage() + ")", e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new CodecException("Cannot deserialize " + bytes.length + " bytes: " + e, e);
        }
    }

    private static String describe(ObjectInputFilter.FilterInfo info) {
        if (info.serialClass() != null) {
            // An allowed array type is refused for its length: say so.
            return "class " + info.serialClass().getName() + (info.arrayLength() >= 0 ? " with array length " + info.arrayLength() : "");
        }
        return "a graph of depth " + info.depth() + ", " + info.references() + " references, array length "
                + info.arrayLength();
    }

    @Override
    public String toString() {
        return "Codecs.javaSerialization(\"" + pattern + "\")";
    }
}

package io.regioncache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Java serialization whose reads go through an allow-list filter, and whose writes refuse what
 * that filter would refuse at read, checked while serializing (so nothing unreadable is stored,
 * at no second pass over the value).
 */
final class JavaSerializationCodec implements Codec<Object> {

    /** What the user wrote (null for the default list), shown in messages and toString. */
    private final String extension;
    private final String pattern;
    private final ObjectInputFilter filter;

    private JavaSerializationCodec(String extension, String pattern) {
        this.extension = extension;
        this.pattern = pattern;
        this.filter = refuseUndecidedClasses(ObjectInputFilter.Config.createFilter(pattern));
    }

    static JavaSerializationCodec withDefaultList() {
        return new JavaSerializationCodec(null, Codecs.DEFAULT_SERIAL_FILTER);
    }

    /** @throws IllegalArgumentException if the pattern is blank or malformed */
    static JavaSerializationCodec extending(String extension) {
        return new JavaSerializationCodec(extension.trim(), SerialFilters.extendDefault(extension));
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
        try (FilteredObjectOutput out = new FilteredObjectOutput(bytes, filter)) {
            out.writeObject(value);
            out.flush();
            out.checkTotals();
        } catch (FilteredObjectOutput.Refused e) {
            throw refusedAtEncode(value, e);
        } catch (IOException e) {
            throw new CodecException("Cannot serialize a " + value.getClass().getName() + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    private CodecException refusedAtEncode(Object value, FilteredObjectOutput.Refused refusal) {
        String stored = value.getClass().getTypeName();
        Class<?> refused = refusal.type();
        if (refused == null || refusal.arrayLength() >= 0) {
            return new CodecException("Cannot store a " + stored + ": it exceeds the limits of " + this + " ("
                    + refusal.getMessage() + "), so it could never be read back; store it with Codecs.bytes() or "
                    + "raise the limit it exceeds (Codecs.javaSerialization(\"maxarray=5000000\"), or maxbytes, maxrefs)",
                    refusal);
        }
        String holds = refused.getTypeName().equals(stored) ? "" : " (it holds one)";
        String allow = SerialFilters.allowing(refused);
        return new CodecException("Cannot store a " + stored + ": " + this + " does not allow class " + refused.getTypeName()
                + holds + ", so the value could never be read back. Allow it with Codecs.javaSerialization(\""
                + allow + "\") (RegionOptions.withCodec, or RegionCache.Builder.serialFilter(\"" + allow + "\")), or with "
                + EnvironmentSettings.SERIAL_FILTER + "=" + allow + " for RegionCache.fromEnvironment(); both extend "
                + "the default allow-list", refusal);
    }

    @Override
    public Object decode(byte[] bytes) {
        AtomicReference<ObjectInputFilter.FilterInfo> refused = new AtomicReference<>();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(info -> {
                ObjectInputFilter.Status status = filter.checkInput(info);
                if (status == ObjectInputFilter.Status.REJECTED) {
                    refused.set(info);
                }
                return status;
            });
            return in.readObject();
        } catch (InvalidClassException e) {
            if (refused.get() != null) {
                throw refusedAtDecode(refused.get(), e);
            }
            // Not the filter: the stored class no longer matches the local one (serialVersionUID).
            throw new CodecException("Cannot deserialize " + bytes.length + " bytes: the stored class " + e.classname
                    + " is incompatible with the local one (" + e.getMessage() + ")", e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new CodecException("Cannot deserialize " + bytes.length + " bytes: " + e, e);
        }
    }

    private RefusedClassException refusedAtDecode(ObjectInputFilter.FilterInfo info, InvalidClassException cause) {
        Class<?> type = info.serialClass();
        if (type == null || !FilteredObjectOutput.refusesClass(filter, type)) {
            String what = type == null ? "a graph of depth " + info.depth() + ", " + info.references()
                    + " references, array length " + info.arrayLength()
                    : "class " + type.getName() + " with array length " + info.arrayLength();
            return new RefusedClassException(what, "Refused to deserialize " + what + ": the filter \"" + pattern
                    + "\" does not allow it (see Codecs.javaSerialization(String))", cause);
        }
        String what = "class " + type.getTypeName();
        String allow = SerialFilters.allowing(type);
        return new RefusedClassException(what, "Refused to deserialize " + what + ": the filter \"" + pattern
                + "\" does not allow it. If the class is yours, allow it with Codecs.javaSerialization(\"" + allow
                + "\") or " + EnvironmentSettings.SERIAL_FILTER + "=" + allow + " (both extend the default allow-list)",
                cause);
    }

    @Override
    public String toString() {
        return extension == null ? "Codecs.javaSerialization()" : "Codecs.javaSerialization(\"" + extension + "\")";
    }
}

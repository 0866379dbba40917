package io.regioncache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectOutputStream;
import java.lang.reflect.Array;

/**
 * An ObjectOutputStream that asks the reading side's filter about every class descriptor and
 * array it writes, and about the totals at the end, so that a value the filter would refuse at
 * read is refused while it is written. Each class is asked once per stream, as it is read. The
 * nesting depth is not known while writing, so only the read checks it.
 */
final class FilteredObjectOutput extends ObjectOutputStream {

    private final ByteArrayOutputStream bytes;
    private final ObjectInputFilter filter;
    private long references;
    /**
     * The first refusal. Once set, nothing more is checked: ObjectOutputStream writes the
     * exception it is failing with into the (discarded) stream, and that must not be refused too.
     */
    private Refused refusal;

    FilteredObjectOutput(ByteArrayOutputStream bytes, ObjectInputFilter filter) throws IOException {
        super(bytes);
        this.bytes = bytes;
        this.filter = filter;
        enableReplaceObject(true);
    }

    @Override
    protected void annotateClass(Class<?> type) throws Refused {
        check(type, -1);
    }

    @Override
    protected void annotateProxyClass(Class<?> type) throws Refused {
        check(type, -1);
    }

    @Override
    protected Object replaceObject(Object object) throws Refused {
        references++;
        if (object.getClass().isArray()) {
            // The class first, so that an array of a refused class is reported as that class.
            check(object.getClass(), -1);
            check(object.getClass(), Array.getLength(object));
        }
        return object;
    }

    /** The stream's size and reference count, once everything is written and flushed. */
    void checkTotals() throws Refused {
        check(null, -1);
    }

    private void check(Class<?> type, int arrayLength) throws Refused {
        if (refusal != null) {
            return;
        }
        long streamBytes = bytes.size();
        if (filter.checkInput(info(type, arrayLength, references, streamBytes)) == ObjectInputFilter.Status.REJECTED) {
            refusal = new Refused(type, arrayLength, references, streamBytes);
            throw refusal;
        }
    }

    /** Whether {@code filter} refuses {@code type} itself, whatever the size of what holds it. */
    static boolean refusesClass(ObjectInputFilter filter, Class<?> type) {
        return filter.checkInput(info(type, -1, 0, 0)) == ObjectInputFilter.Status.REJECTED;
    }

    private static ObjectInputFilter.FilterInfo info(Class<?> type, long arrayLength, long references, long streamBytes) {
        return new ObjectInputFilter.FilterInfo() {
            @Override
            public Class<?> serialClass() {
                return type;
            }

            @Override
            public long arrayLength() {
                return arrayLength;
            }

            @Override
            public long depth() {
                return 1;
            }

            @Override
            public long references() {
                return references;
            }

            @Override
            public long streamBytes() {
                return streamBytes;
            }
        };
    }

    /** What the filter refused; thrown out of the stream and turned into a CodecException. */
    static final class Refused extends IOException {

        private static final long serialVersionUID = 1L;
        private final transient Class<?> type;
        private final int arrayLength;

        Refused(Class<?> type, int arrayLength, long references, long streamBytes) {
            super(type == null ? references + " references, " + streamBytes + " bytes"
                    : arrayLength >= 0 ? type.getTypeName() + " with array length " + arrayLength : "class " + type.getTypeName());
            this.type = type;
            this.arrayLength = arrayLength;
        }

        Class<?> type() {
            return type;
        }

        int arrayLength() {
            return arrayLength;
        }
    }
}

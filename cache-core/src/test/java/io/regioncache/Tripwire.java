package io.regioncache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A serializable class whose readObject records that it ran: a stand-in for a gadget class. */
final class Tripwire implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final AtomicBoolean TRIPPED = new AtomicBoolean();

    static boolean tripped() {
        return TRIPPED.get();
    }

    /** A Tripwire serialized by plain Java serialization, as an attacker with Redis access would write it. */
    static byte[] serialized() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Tripwire());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        TRIPPED.set(true);
        in.defaultReadObject();
    }
}

package io.regioncache.jcache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.cache.event.EventType;

/**
 * A change of an entry as other processes hear of it: published by the compare-and-set that made
 * it, in the same atomic step, on the region's event channel.
 *
 * @param origin   the id of the cache manager that made the change (which does not hear its own)
 * @param type     what happened
 * @param field    the entry's field
 * @param oldEntry the field's bytes before (empty for none)
 * @param newEntry the field's bytes after (empty for none)
 */
record RemoteEvent(String origin, EventType type, String field, byte[] oldEntry, byte[] newEntry) {

    private static final byte[] NONE = {};

    static RemoteEvent of(String origin, EventType type, String field, byte[] oldEntry, byte[] newEntry) {
        return new RemoteEvent(origin, type, field, oldEntry == null ? NONE : oldEntry, newEntry == null ? NONE : newEntry);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + oldEntry.length + newEntry.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(origin);
            out.writeByte(type.ordinal());
            out.writeUTF(field);
            out.writeInt(oldEntry.length);
            out.write(oldEntry);
            out.writeInt(newEntry.length);
            out.write(newEntry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if the bytes are no event */
    static RemoteEvent decode(byte[] message) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
            String origin = in.readUTF();
            EventType type = EventType.values()[in.readByte()];
            String field = in.readUTF();
            byte[] oldEntry = in.readNBytes(in.readInt());
            byte[] newEntry = in.readNBytes(in.readInt());
            return new RemoteEvent(origin, type, field, oldEntry, newEntry);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("a message of " + message.length + " bytes is no JCache entry event", e);
        }
    }
}

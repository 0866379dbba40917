package io.regioncache.jcache;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Where the entries of JCache caches live: fields of their regions' hashes, holding {@link
 * Envelope} bytes. A region is addressed by its full name ({@code root.com.acme.User}). Every
 * change is a compare-and-set, so that each JCache operation is atomic per key whichever process
 * runs it. Thread-safe.
 */
interface EntryStore extends AutoCloseable {

    /** The field's bytes, or null. */
    byte[] get(String region, String field);

    /** The fields present, with their bytes, in no particular order. */
    Map<String, byte[]> getAll(String region, Collection<String> fields);

    /**
     * Sets the field to {@code update} (deletes it for null) if it holds exactly {@code expected}
     * (is absent for null), in one atomic step, which also publishes {@code event} (if not null)
     * to the other processes listening to the region ({@link #listen}).
     *
     * @return whether the change was applied
     */
    boolean compareAndSet(String region, String field, byte[] expected, byte[] update, byte[] event);

    /** Whether other processes share the store, so that changes are worth publishing. */
    boolean shared();

    /**
     * Hears the events published on the region's changes, from this process and others, until
     * the returned handle is closed. {@code listener} runs on a thread of the store: it must not
     * block.
     */
    AutoCloseable listen(String region, java.util.function.Consumer<byte[]> listener);

    /** The region's fields; JCache caches read only theirs (see {@link KeyFields}). */
    Set<String> fields(String region);

    /** Removes the region's entries and those of every descendant region, atomically. */
    void purge(String region);

    @Override
    void close();
}

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
     * (is absent for null), in one atomic step.
     *
     * @return whether the change was applied
     */
    boolean compareAndSet(String region, String field, byte[] expected, byte[] update);

    /** The region's fields; JCache caches read only theirs (see {@link KeyFields}). */
    Set<String> fields(String region);

    /** Removes the region's entries and those of every descendant region, atomically. */
    void purge(String region);

    @Override
    void close();
}

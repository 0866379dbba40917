package io.regioncache;

/**
 * The writes of one {@link Region#transaction transaction}, buffered until the work returns and
 * then applied in one atomic step. Reads see the transaction's own pending writes first (a pending
 * remove reads as a miss), then the store. Not thread-safe: use it only inside the work that
 * received it; after the work returns it throws {@link IllegalStateException}.
 *
 * @param <V> the type of the region's values
 */
public interface RegionTransaction<V> {

    /**
     * @return the pending value for {@code key}, else the stored one, else null
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is reserved (starts with {@code __})
     */
    V get(String key);

    /**
     * @return whether {@code key} has a pending value, or (when not pending removal) a stored one
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is reserved (starts with {@code __})
     */
    boolean containsKey(String key);

    /**
     * Buffers a write of {@code value} under {@code key}; it is encoded now, so a value the codec
     * refuses fails here and the transaction can be abandoned by letting the exception propagate.
     *
     * @throws NullPointerException     if {@code key} or {@code value} is null
     * @throws IllegalArgumentException if {@code key} is reserved (starts with {@code __})
     * @throws CodecException           if the value cannot be encoded
     */
    void put(String key, V value);

    /**
     * Buffers the removal of {@code key}.
     *
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is reserved (starts with {@code __})
     */
    void remove(String key);
}

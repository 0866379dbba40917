package io.regioncache.jcache;

import java.util.function.Supplier;
import javax.cache.processor.MutableEntry;

/**
 * The entry an entry processor works on: it records what the processor did, and the cache then
 * applies that in one compare-and-set against the value the processor saw.
 */
final class ProcessedEntry<K, V> implements MutableEntry<K, V> {

    /** What the processor did to the entry, as the cache must apply it. */
    enum Outcome { NONE, ACCESSED, LOADED, CREATED, UPDATED, REMOVED, REMOVED_ABSENT }

    private final K key;
    private final V original;
    private final Supplier<V> loader;
    private V value;
    private boolean loaded;
    private boolean accessed;
    private boolean changed;
    private boolean set;

    /** @param loader read-through for a missing entry, or null */
    ProcessedEntry(K key, V original, Supplier<V> loader) {
        this.key = key;
        this.original = original;
        this.value = original;
        this.loader = loader;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        if (!changed && value == null && !loaded && loader != null) {
            value = loader.get();
            loaded = value != null;
        }
        accessed = true;
        return value;
    }

    @Override
    public boolean exists() {
        return value != null;
    }

    @Override
    public void remove() {
        value = null;
        loaded = false;
        changed = true;
    }

    @Override
    public void setValue(V newValue) {
        if (newValue == null) {
            throw new NullPointerException("an entry processor set a null value for " + key);
        }
        value = newValue;
        loaded = false;
        changed = true;
        set = true;
    }

    V value() {
        return value;
    }

    Outcome outcome() {
        if (changed) {
            if (value == null) {
                if (original != null) {
                    return Outcome.REMOVED;
                }
                // Removing what the processor itself created leaves nothing to tell the writer.
                return set ? Outcome.NONE : Outcome.REMOVED_ABSENT;
            }
            return original == null ? Outcome.CREATED : Outcome.UPDATED;
        }
        if (loaded) {
            return Outcome.LOADED;
        }
        return accessed && original != null ? Outcome.ACCESSED : Outcome.NONE;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("a mutable entry cannot be unwrapped to " + clazz.getName());
    }
}

package io.regioncache.jcache;

import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/** One change of one entry, as listeners receive it. For removed and expired entries the value is the old one. */
final class JCacheEvent<K, V> extends CacheEntryEvent<K, V> {

    private static final long serialVersionUID = 1L;

    private final transient Cache<K, V> cache;
    private final K key;
    private final V value;
    private final V oldValue;

    JCacheEvent(Cache<K, V> source, EventType type, K key, V value, V oldValue) {
        super(source, type);
        this.cache = source;
        this.key = key;
        this.value = value;
        this.oldValue = oldValue;
    }

    /** The same event as a listener that did not ask for old values sees it. */
    JCacheEvent<K, V> withoutOldValue() {
        return new JCacheEvent<>(cache, getEventType(), key, value, null);
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value;
    }

    @Override
    public V getOldValue() {
        return oldValue;
    }

    @Override
    public boolean isOldValueAvailable() {
        return oldValue != null;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("a cache entry event cannot be unwrapped to " + clazz.getName());
    }
}

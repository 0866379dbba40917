package io.regioncache.jcache;

import javax.cache.Cache;

/** An entry handed out by a cache's iterator: a copy, detached from the cache. */
final class JCacheEntry<K, V> implements Cache.Entry<K, V> {

    private final K key;
    private final V value;

    JCacheEntry(K key, V value) {
        this.key = key;
        this.value = value;
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
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("a cache entry cannot be unwrapped to " + clazz.getName());
    }

    @Override
    public String toString() {
        return "JCacheEntry[" + key + "]";
    }
}

package io.regioncache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Buffers a transaction's writes: the latest write of each key wins, in first-write order. A
 * removal is kept as a null value so that reads see it as a miss.
 */
final class BufferedTransaction<V> implements RegionTransaction<V> {

    private final BlockingRegion<V> region;
    private final Map<String, byte[]> pending = new LinkedHashMap<>();
    private boolean ended;

    BufferedTransaction(BlockingRegion<V> region) {
        this.region = region;
    }

    @Override
    public V get(String key) {
        requireActive(key);
        byte[] bytes = pending.containsKey(key) ? pending.get(key) : region.storedBytes(key);
        return bytes == null ? null : region.decode(key, bytes);
    }

    @Override
    public boolean containsKey(String key) {
        requireActive(key);
        return pending.containsKey(key) ? pending.get(key) != null : region.containsKey(key);
    }

    @Override
    public void put(String key, V value) {
        requireActive(key);
        Objects.requireNonNull(value, "value");
        pending.put(key, region.encode(key, value));
    }

    @Override
    public void remove(String key) {
        requireActive(key);
        pending.put(key, null);
    }

    void end() {
        ended = true;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    Map<String, byte[]> puts() {
        Map<String, byte[]> puts = new LinkedHashMap<>();
        pending.forEach((key, bytes) -> {
            if (bytes != null) {
                puts.put(key, bytes);
            }
        });
        return puts;
    }

    Set<String> removes() {
        Set<String> removes = new java.util.HashSet<>();
        pending.forEach((key, bytes) -> {
            if (bytes == null) {
                removes.add(key);
            }
        });
        return removes;
    }

    private void requireActive(String key) {
        if (ended) {
            throw new IllegalStateException("This transaction of region " + region.name()
                    + " has ended; use the RegionTransaction only inside the work");
        }
        EntryKeys.requireValid(key);
    }

    @Override
    public String toString() {
        return "RegionTransaction[" + region.name() + ", " + pending.size() + " pending]";
    }
}

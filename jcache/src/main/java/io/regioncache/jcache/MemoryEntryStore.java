package io.regioncache.jcache;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * Entries in this process only, for a cache manager without Redis. Same semantics as {@link
 * RedisEntryStore}: a purge removes the region and its descendants.
 */
final class MemoryEntryStore implements EntryStore {

    private final ConcurrentMap<String, ConcurrentMap<String, byte[]>> regions = new ConcurrentHashMap<>();

    @Override
    public byte[] get(String region, String field) {
        return entries(region).get(field);
    }

    @Override
    public Map<String, byte[]> getAll(String region, Collection<String> fields) {
        Map<String, byte[]> entries = entries(region);
        Map<String, byte[]> hits = new HashMap<>();
        for (String field : fields) {
            byte[] bytes = entries.get(field);
            if (bytes != null) {
                hits.put(field, bytes);
            }
        }
        return hits;
    }

    @Override
    public boolean compareAndSet(String region, String field, byte[] expected, byte[] update, byte[] event) {
        boolean[] applied = {false};
        entries(region).compute(field, (key, current) -> {
            boolean matches = expected == null ? current == null : Arrays.equals(current, expected);
            applied[0] = matches;
            return matches ? update : current;
        });
        return applied[0];
    }

    @Override
    public boolean shared() {
        return false;
    }

    /** Nothing to hear: no other process changes this store. */
    @Override
    public AutoCloseable listen(String region, Consumer<byte[]> listener) {
        return () -> { };
    }

    @Override
    public Set<String> fields(String region) {
        return Set.copyOf(entries(region).keySet());
    }

    @Override
    public void purge(String region) {
        regions.keySet().removeIf(name -> name.equals(region) || name.startsWith(region + "."));
    }

    @Override
    public void close() {
        regions.clear();
    }

    private ConcurrentMap<String, byte[]> entries(String region) {
        return regions.computeIfAbsent(region, name -> new ConcurrentHashMap<>());
    }
}

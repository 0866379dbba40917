package io.regioncache.jcache;

import io.regioncache.Codec;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.management.CacheMXBean;
import javax.cache.management.CacheStatisticsMXBean;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JCache cache on one region. Each entry is a field of the region's hash holding its expiry and
 * its value (an {@link Envelope}); every change is a compare-and-set of that field against what
 * the operation read, retried when another writer got there first, so each operation is atomic
 * per key across threads and processes. Loader, writer, listeners and expiry policy run in this
 * process, around the compare-and-set.
 */
final class RegionJCache<K, V> implements Cache<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(RegionJCache.class);

    private final String name;
    private final RegionJCacheManager manager;
    private final MutableConfiguration<K, V> configuration;
    private final ExpiryPolicy expiry;
    private final CacheLoader<K, V> loader;
    private final CacheWriter<K, V> writer;
    private final EntryListeners<K, V> listeners;
    private final JCacheStatistics statistics = new JCacheStatistics();
    private final StoredEntries<K, V> entries;
    private final Executor loads;
    private volatile boolean closed;

    RegionJCache(String name, RegionJCacheManager manager, String region, EntryStore store, Codec<Object> codec,
                 CompleteConfiguration<K, V> configuration, Executor events, Executor loads) {
        this.name = name;
        this.manager = manager;
        this.configuration = new MutableConfiguration<>(configuration);
        this.expiry = configuration.getExpiryPolicyFactory().create();
        this.loader = configuration.getCacheLoaderFactory() == null ? null : configuration.getCacheLoaderFactory().create();
        this.writer = writerOf(configuration);
        this.listeners = new EntryListeners<>(events);
        this.entries = new StoredEntries<>(this, region, store, codec, expiry, statistics, listeners, events, manager.id());
        this.loads = loads;
        for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
            listeners.register(listener);
        }
        entries.listenToOthers();
        setStatisticsEnabled(configuration.isStatisticsEnabled());
        setManagementEnabled(configuration.isManagementEnabled());
    }

    /** The writer works on supertypes of K and V, so it accepts K and V. */
    @SuppressWarnings("unchecked")
    private static <K, V> CacheWriter<K, V> writerOf(CompleteConfiguration<K, V> configuration) {
        return configuration.getCacheWriterFactory() == null ? null
                : (CacheWriter<K, V>) configuration.getCacheWriterFactory().create();
    }

    /** The full name of the region the cache's entries live in. */
    String regionName() {
        return entries.region();
    }

    /** Removes every expired entry that nobody read, firing expired events. */
    void sweepExpired() {
        entries.sweepExpired();
    }

    @Override
    public V get(K key) {
        requireOpen();
        requireKey(key);
        long start = System.nanoTime();
        StoredEntries.Current<V> current = entries.read(key);
        V value;
        if (current.present()) {
            statistics.hits(1);
            entries.touch(key, current);
            value = current.value();
        } else {
            statistics.misses(1);
            value = configuration.isReadThrough() ? loadAndStore(key, current) : null;
        }
        statistics.getTime(start);
        return value;
    }

    @Override
    public Map<K, V> getAll(Set<? extends K> requested) {
        requireOpen();
        requested.forEach(RegionJCache::requireKey);
        long start = System.nanoTime();
        Map<K, V> found = new LinkedHashMap<>();
        List<K> missing = new ArrayList<>();
        entries.readAll(requested).forEach((key, current) -> {
            if (current.present()) {
                entries.touch(key, current);
                found.put(key, current.value());
            } else {
                missing.add(key);
            }
        });
        statistics.hits(found.size());
        statistics.misses(missing.size());
        if (configuration.isReadThrough() && loader != null && !missing.isEmpty()) {
            loadAll(missing, false).forEach((key, value) -> {
                if (value != null) {
                    found.put(key, value);
                }
            });
        }
        statistics.getTime(start);
        return found;
    }

    @Override
    public boolean containsKey(K key) {
        requireOpen();
        requireKey(key);
        return entries.read(key).present();
    }

    @Override
    public void loadAll(Set<? extends K> requested, boolean replaceExistingValues, CompletionListener listener) {
        requireOpen();
        Objects.requireNonNull(requested, "keys");
        requested.forEach(RegionJCache::requireKey);
        if (loader == null) {
            if (listener != null) {
                listener.onCompletion();
            }
            return;
        }
        List<K> toLoad = new ArrayList<>(requested);
        loads.execute(() -> {
            try {
                loadAll(replaceExistingValues ? toLoad : toLoad.stream().filter(key -> !entries.read(key).present()).toList(),
                        replaceExistingValues);
                if (listener != null) {
                    listener.onCompletion();
                }
            } catch (RuntimeException e) {
                if (listener != null) {
                    listener.onException(e instanceof CacheLoaderException ? e : new CacheLoaderException(e));
                } else {
                    LOG.warn("loadAll of cache {} failed", name, e);
                }
            }
        });
    }

    @Override
    public void put(K key, V value) {
        requireOpen();
        requireEntry(key, value);
        long start = System.nanoTime();
        writeThrough(key, value);
        entries.store(key, value);
        statistics.putTime(start);
    }

    @Override
    public V getAndPut(K key, V value) {
        requireOpen();
        requireEntry(key, value);
        long start = System.nanoTime();
        writeThrough(key, value);
        V old = entries.store(key, value);
        statistics.hits(old == null ? 0 : 1);
        statistics.misses(old == null ? 1 : 0);
        statistics.getTime(start);
        statistics.putTime(start);
        return old;
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> given) {
        requireOpen();
        Objects.requireNonNull(given, "entries");
        given.forEach(this::requireEntry);
        long start = System.nanoTime();
        Map<K, V> toStore = new LinkedHashMap<>(given);
        CacheWriterException failure = null;
        if (configuration.isWriteThrough() && writer != null) {
            List<Cache.Entry<? extends K, ? extends V>> pending = new ArrayList<>();
            toStore.forEach((key, value) -> pending.add(new JCacheEntry<>(key, value)));
            try {
                writer.writeAll(pending);
            } catch (RuntimeException e) {
                failure = asWriterException(e);
                // The writer leaves in the collection what it did not write: the cache keeps only the rest.
                pending.forEach(unwritten -> toStore.remove(unwritten.getKey()));
            }
        }
        toStore.forEach(entries::store);
        statistics.putTime(start);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        requireOpen();
        requireEntry(key, value);
        long start = System.nanoTime();
        while (true) {
            StoredEntries.Current<V> current = entries.read(key);
            if (current.present()) {
                statistics.hits(1);
                statistics.putTime(start);
                return false;
            }
            writeThrough(key, value);
            if (entries.create(key, value, current)) {
                statistics.misses(1);
                statistics.putTime(start);
                return true;
            }
        }
    }

    @Override
    public boolean remove(K key) {
        requireOpen();
        requireKey(key);
        long start = System.nanoTime();
        deleteThrough(key);
        boolean removed = entries.delete(key) != null;
        statistics.removeTime(start);
        return removed;
    }

    @Override
    public boolean remove(K key, V oldValue) {
        requireOpen();
        requireEntry(key, oldValue);
        long start = System.nanoTime();
        while (true) {
            StoredEntries.Current<V> current = entries.read(key);
            if (!current.present()) {
                statistics.misses(1);
                statistics.removeTime(start);
                return false;
            }
            if (!current.value().equals(oldValue)) {
                statistics.hits(1);
                entries.touch(key, current);
                statistics.removeTime(start);
                return false;
            }
            deleteThrough(key);
            if (entries.removeIfUnchanged(key, current)) {
                statistics.hits(1);
                statistics.removeTime(start);
                return true;
            }
        }
    }

    @Override
    public V getAndRemove(K key) {
        requireOpen();
        requireKey(key);
        long start = System.nanoTime();
        deleteThrough(key);
        V old = entries.delete(key);
        statistics.hits(old == null ? 0 : 1);
        statistics.misses(old == null ? 1 : 0);
        statistics.getTime(start);
        statistics.removeTime(start);
        return old;
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        requireOpen();
        requireEntry(key, oldValue);
        requireEntry(key, newValue);
        long start = System.nanoTime();
        while (true) {
            StoredEntries.Current<V> current = entries.read(key);
            if (!current.present()) {
                statistics.misses(1);
                statistics.putTime(start);
                return false;
            }
            if (!current.value().equals(oldValue)) {
                statistics.hits(1);
                entries.touch(key, current);
                statistics.putTime(start);
                return false;
            }
            writeThrough(key, newValue);
            if (entries.update(key, newValue, current)) {
                statistics.hits(1);
                statistics.putTime(start);
                return true;
            }
        }
    }

    @Override
    public boolean replace(K key, V value) {
        return getAndReplace(key, value, false) != null;
    }

    @Override
    public V getAndReplace(K key, V value) {
        return getAndReplace(key, value, true);
    }

    private V getAndReplace(K key, V value, boolean timeGet) {
        requireOpen();
        requireEntry(key, value);
        long start = System.nanoTime();
        while (true) {
            StoredEntries.Current<V> current = entries.read(key);
            if (!current.present()) {
                statistics.misses(1);
                if (timeGet) {
                    statistics.getTime(start);
                }
                return null;
            }
            writeThrough(key, value);
            if (entries.update(key, value, current)) {
                statistics.hits(1);
                if (timeGet) {
                    statistics.getTime(start);
                }
                statistics.putTime(start);
                return current.value();
            }
        }
    }

    @Override
    public void removeAll(Set<? extends K> requested) {
        requireOpen();
        Objects.requireNonNull(requested, "keys");
        requested.forEach(RegionJCache::requireKey);
        removeEntries(new ArrayList<>(requested));
    }

    @Override
    public void removeAll() {
        requireOpen();
        List<K> all = new ArrayList<>();
        for (String field : entries.fields()) {
            all.add(entries.keyOf(field));
        }
        removeEntries(all);
    }

    private void removeEntries(List<K> requested) {
        long start = System.nanoTime();
        Set<K> toRemove = new HashSet<>(requested);
        CacheWriterException failure = null;
        if (configuration.isWriteThrough() && writer != null && !requested.isEmpty()) {
            List<Object> pending = new ArrayList<>(requested);
            try {
                writer.deleteAll(pending);
            } catch (RuntimeException e) {
                failure = asWriterException(e);
                toRemove.removeAll(pending);
            }
        }
        for (K key : toRemove) {
            entries.delete(key);
        }
        statistics.removeTime(start);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void clear() {
        requireOpen();
        entries.purge();
    }

    @Override
    public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
        if (clazz.isInstance(configuration)) {
            return clazz.cast(configuration);
        }
        throw new IllegalArgumentException("the configuration of a region cache is a MutableConfiguration, not a "
                + clazz.getName());
    }

    @Override
    public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        requireOpen();
        requireKey(key);
        Objects.requireNonNull(processor, "entry processor");
        while (true) {
            long start = System.nanoTime();
            StoredEntries.Current<V> current = entries.read(key);
            Supplier<V> readThrough = configuration.isReadThrough() && loader != null ? () -> loadValue(key) : null;
            ProcessedEntry<K, V> entry = new ProcessedEntry<>(key, current.value(), readThrough);
            T result;
            try {
                result = processor.process(entry, arguments);
            } catch (EntryProcessorException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new EntryProcessorException(e);
            }
            if (apply(key, entry, current, start)) {
                return result;
            }
        }
    }

    /** Applies what an entry processor did; false if the entry changed meanwhile and the processor must run again. */
    private boolean apply(K key, ProcessedEntry<K, V> entry, StoredEntries.Current<V> current, long start) {
        switch (entry.outcome()) {
            case NONE -> {
                // Nothing to apply.
            }
            case ACCESSED -> entries.touch(key, current);
            case LOADED -> {
                if (!entries.create(key, entry.value(), current)) {
                    return false;
                }
            }
            case CREATED -> {
                writeThrough(key, entry.value());
                if (!entries.create(key, entry.value(), current)) {
                    return false;
                }
                statistics.putTime(start);
            }
            case UPDATED -> {
                writeThrough(key, entry.value());
                if (!entries.update(key, entry.value(), current)) {
                    return false;
                }
                statistics.putTime(start);
            }
            case REMOVED -> {
                deleteThrough(key);
                if (!entries.removeIfUnchanged(key, current)) {
                    return false;
                }
                statistics.removeTime(start);
            }
            case REMOVED_ABSENT -> deleteThrough(key);
        }
        // JCache counts the lookup of the key: a hit if it was there, a miss if not, whatever the processor did.
        statistics.hits(current.present() ? 1 : 0);
        statistics.misses(current.present() ? 0 : 1);
        return true;
    }

    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> requested, EntryProcessor<K, V, T> processor,
                                                         Object... arguments) {
        requireOpen();
        Objects.requireNonNull(requested, "keys");
        requested.forEach(RegionJCache::requireKey);
        Objects.requireNonNull(processor, "entry processor");
        Map<K, EntryProcessorResult<T>> results = new HashMap<>();
        for (K key : requested) {
            try {
                T result = invoke(key, processor, arguments);
                if (result != null) {
                    results.put(key, () -> result);
                }
            } catch (EntryProcessorException e) {
                results.put(key, () -> {
                    throw e;
                });
            }
        }
        return results;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public CacheManager getCacheManager() {
        return manager;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        manager.forget(this);
        ManagementBeans.unregister(ManagementBeans.STATISTICS, manager.display(), name);
        ManagementBeans.unregister(ManagementBeans.CONFIGURATION, manager.display(), name);
        EntryListeners.closeQuietly(loader);
        EntryListeners.closeQuietly(writer);
        EntryListeners.closeQuietly(expiry);
        entries.close();
        listeners.close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * This cache as {@code clazz}: the cache itself, its {@link RegionCache}, or its {@link Region},
     * whose values are the cache's stored bytes (expiry time and the codec's bytes).
     */
    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        if (clazz == Region.class) {
            return clazz.cast(manager.regionCache().region(entries.region(), io.regioncache.RegionOptions.of(
                    io.regioncache.Codecs.bytes()).withNearCache(false)));
        }
        return manager.unwrap(clazz);
    }

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
        requireOpen();
        Objects.requireNonNull(listener, "listener configuration");
        if (configuration.getCacheEntryListenerConfigurations().iterator().hasNext()) {
            for (CacheEntryListenerConfiguration<K, V> registered : configuration.getCacheEntryListenerConfigurations()) {
                if (registered.equals(listener)) {
                    throw new IllegalArgumentException("this listener configuration is registered already: " + listener);
                }
            }
        }
        configuration.addCacheEntryListenerConfiguration(listener);
        listeners.register(listener);
        entries.listenToOthers();
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
        requireOpen();
        Objects.requireNonNull(listener, "listener configuration");
        configuration.removeCacheEntryListenerConfiguration(listener);
        listeners.deregister(listener);
        entries.listenToOthers();
    }

    @Override
    public Iterator<Cache.Entry<K, V>> iterator() {
        requireOpen();
        Iterator<String> fields = entries.fields().iterator();
        return new Iterator<>() {
            private Cache.Entry<K, V> next;
            private K last;

            @Override
            public boolean hasNext() {
                while (next == null && fields.hasNext()) {
                    K key = entries.keyOf(fields.next());
                    StoredEntries.Current<V> current = entries.read(key);
                    if (current.present()) {
                        statistics.hits(1);
                        entries.touch(key, current);
                        next = new JCacheEntry<>(key, current.value());
                    }
                }
                return next != null;
            }

            @Override
            public Cache.Entry<K, V> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Cache.Entry<K, V> entry = next;
                next = null;
                last = entry.getKey();
                return entry;
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException("next() has not been called, or remove() was called already");
                }
                RegionJCache.this.remove(last);
                last = null;
            }
        };
    }

    void setStatisticsEnabled(boolean enabled) {
        configuration.setStatisticsEnabled(enabled);
        statistics.setEnabled(enabled);
        if (enabled) {
            ManagementBeans.register(statistics, CacheStatisticsMXBean.class, ManagementBeans.STATISTICS,
                    manager.display(), name);
        } else {
            ManagementBeans.unregister(ManagementBeans.STATISTICS, manager.display(), name);
        }
    }

    void setManagementEnabled(boolean enabled) {
        configuration.setManagementEnabled(enabled);
        if (enabled) {
            ManagementBeans.register(new JCacheConfigurationBean(configuration), CacheMXBean.class,
                    ManagementBeans.CONFIGURATION, manager.display(), name);
        } else {
            ManagementBeans.unregister(ManagementBeans.CONFIGURATION, manager.display(), name);
        }
    }

    private V loadAndStore(K key, StoredEntries.Current<V> current) {
        V value = loadValue(key);
        if (value != null) {
            entries.create(key, value, current);
        }
        return value;
    }

    private V loadValue(K key) {
        if (loader == null) {
            return null;
        }
        try {
            return loader.load(key);
        } catch (CacheLoaderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheLoaderException(e);
        }
    }

    private Map<K, V> loadAll(List<K> toLoad, boolean replace) {
        if (toLoad.isEmpty()) {
            return Map.of();
        }
        Map<K, V> loaded;
        try {
            loaded = loader.loadAll(toLoad);
        } catch (CacheLoaderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheLoaderException(e);
        }
        if (loaded == null) {
            return Map.of();
        }
        loaded.forEach((key, value) -> {
            if (key != null && value != null) {
                if (replace) {
                    entries.store(key, value);
                } else {
                    StoredEntries.Current<V> current = entries.read(key);
                    if (!current.present()) {
                        entries.create(key, value, current);
                    }
                }
            }
        });
        return loaded;
    }

    private void writeThrough(K key, V value) {
        if (configuration.isWriteThrough() && writer != null) {
            try {
                writer.write(new JCacheEntry<>(key, value));
            } catch (RuntimeException e) {
                throw asWriterException(e);
            }
        }
    }

    private void deleteThrough(K key) {
        if (configuration.isWriteThrough() && writer != null) {
            try {
                writer.delete(key);
            } catch (RuntimeException e) {
                throw asWriterException(e);
            }
        }
    }

    private static CacheWriterException asWriterException(RuntimeException e) {
        return e instanceof CacheWriterException writerException ? writerException : new CacheWriterException(e);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("cache " + name + " is closed");
        }
    }

    private static void requireKey(Object key) {
        Objects.requireNonNull(key, "a JCache key may not be null");
    }

    private void requireEntry(Object key, Object value) {
        requireKey(key);
        Objects.requireNonNull(value, "a JCache value may not be null");
        if (!configuration.getKeyType().isInstance(key)) {
            throw new ClassCastException("cache " + name + " holds keys of " + configuration.getKeyType().getName()
                    + ", not " + key.getClass().getName());
        }
        if (!configuration.getValueType().isInstance(value)) {
            throw new ClassCastException("cache " + name + " holds values of " + configuration.getValueType().getName()
                    + ", not " + value.getClass().getName());
        }
    }

    @Override
    public String toString() {
        return "RegionJCache[" + name + " on region " + entries.region() + "]";
    }
}

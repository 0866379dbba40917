package io.regioncache.jcache;

import io.regioncache.Codec;
import io.regioncache.CodecException;
import io.regioncache.Region;
import io.regioncache.RegionCache;
import java.util.ArrayList;
import java.util.Collection;
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
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.EventType;
import javax.cache.expiry.Duration;
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
    private final String region;
    private final EntryStore store;
    private final Codec<Object> codec;
    private final KeyFields keys;
    private final MutableConfiguration<K, V> configuration;
    private final ExpiryPolicy expiry;
    private final CacheLoader<K, V> loader;
    private final CacheWriter<K, V> writer;
    private final EntryListeners<K, V> listeners;
    private final JCacheStatistics statistics = new JCacheStatistics();
    private final Executor loads;
    private final Executor events;
    /** Open while the cache has listeners (on a shared store); guarded by this. */
    private AutoCloseable othersChanges;
    private volatile boolean closed;

    RegionJCache(String name, RegionJCacheManager manager, String region, EntryStore store, Codec<Object> codec,
                 CompleteConfiguration<K, V> configuration, Executor events, Executor loads) {
        this.name = name;
        this.manager = manager;
        this.region = region;
        this.store = store;
        this.codec = codec;
        this.keys = new KeyFields(codec);
        this.configuration = new MutableConfiguration<>(configuration);
        this.expiry = configuration.getExpiryPolicyFactory().create();
        this.loader = configuration.getCacheLoaderFactory() == null ? null : configuration.getCacheLoaderFactory().create();
        this.writer = writerOf(configuration);
        this.listeners = new EntryListeners<>(events);
        this.loads = loads;
        this.events = events;
        for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
            listeners.register(listener);
        }
        listenToOthers();
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
        return region;
    }

    @Override
    public V get(K key) {
        requireOpen();
        requireKey(key);
        long start = System.nanoTime();
        Current<V> current = read(key);
        V value;
        if (current.present()) {
            statistics.hits(1);
            touch(key, current);
            value = current.value;
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
        for (K key : requested) {
            Current<V> current = read(key);
            if (current.present()) {
                touch(key, current);
                found.put(key, current.value);
            } else {
                missing.add(key);
            }
        }
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
        return read(key).present();
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
                loadAll(replaceExistingValues ? toLoad : toLoad.stream().filter(key -> !read(key).present()).toList(),
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
        store(key, value);
        statistics.putTime(start);
    }

    @Override
    public V getAndPut(K key, V value) {
        requireOpen();
        requireEntry(key, value);
        long start = System.nanoTime();
        writeThrough(key, value);
        V old = store(key, value);
        statistics.hits(old == null ? 0 : 1);
        statistics.misses(old == null ? 1 : 0);
        statistics.getTime(start);
        statistics.putTime(start);
        return old;
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> entries) {
        requireOpen();
        Objects.requireNonNull(entries, "entries");
        entries.forEach(this::requireEntry);
        long start = System.nanoTime();
        Map<K, V> toStore = new LinkedHashMap<>(entries);
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
        toStore.forEach(this::store);
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
            Current<V> current = read(key);
            if (current.present()) {
                statistics.hits(1);
                statistics.putTime(start);
                return false;
            }
            writeThrough(key, value);
            if (create(key, value, current)) {
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
        boolean removed = delete(key) != null;
        statistics.removeTime(start);
        return removed;
    }

    @Override
    public boolean remove(K key, V oldValue) {
        requireOpen();
        requireEntry(key, oldValue);
        long start = System.nanoTime();
        while (true) {
            Current<V> current = read(key);
            if (!current.present()) {
                statistics.misses(1);
                statistics.removeTime(start);
                return false;
            }
            if (!current.value.equals(oldValue)) {
                statistics.hits(1);
                touch(key, current);
                statistics.removeTime(start);
                return false;
            }
            deleteThrough(key);
            if (change(keys.field(key), current.raw, null, EventType.REMOVED)) {
                statistics.hits(1);
                statistics.removals(1);
                dispatch(EventType.REMOVED, key, current.value, current.value);
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
        V old = delete(key);
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
            Current<V> current = read(key);
            if (!current.present()) {
                statistics.misses(1);
                statistics.putTime(start);
                return false;
            }
            if (!current.value.equals(oldValue)) {
                statistics.hits(1);
                touch(key, current);
                statistics.putTime(start);
                return false;
            }
            writeThrough(key, newValue);
            if (update(key, newValue, current)) {
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
            Current<V> current = read(key);
            if (!current.present()) {
                statistics.misses(1);
                if (timeGet) {
                    statistics.getTime(start);
                }
                return null;
            }
            writeThrough(key, value);
            if (update(key, value, current)) {
                statistics.hits(1);
                if (timeGet) {
                    statistics.getTime(start);
                }
                statistics.putTime(start);
                return current.value;
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
        for (String field : store.fields(region)) {
            if (KeyFields.isEntry(field)) {
                all.add(keyOf(field));
            }
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
            delete(key);
        }
        statistics.removeTime(start);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void clear() {
        requireOpen();
        store.purge(region);
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
            Current<V> current = read(key);
            Supplier<V> readThrough = configuration.isReadThrough() && loader != null ? () -> loadValue(key) : null;
            ProcessedEntry<K, V> entry = new ProcessedEntry<>(key, current.value, readThrough);
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
    private boolean apply(K key, ProcessedEntry<K, V> entry, Current<V> current, long start) {
        switch (entry.outcome()) {
            case NONE -> {
                // Nothing to apply.
            }
            case ACCESSED -> touch(key, current);
            case LOADED -> {
                if (!create(key, entry.value(), current)) {
                    return false;
                }
            }
            case CREATED -> {
                writeThrough(key, entry.value());
                if (!create(key, entry.value(), current)) {
                    return false;
                }
                statistics.putTime(start);
            }
            case UPDATED -> {
                writeThrough(key, entry.value());
                if (!update(key, entry.value(), current)) {
                    return false;
                }
                statistics.putTime(start);
            }
            case REMOVED -> {
                deleteThrough(key);
                if (!change(keys.field(key), current.raw, null, EventType.REMOVED)) {
                    return false;
                }
                statistics.removals(1);
                dispatch(EventType.REMOVED, key, current.value, current.value);
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
        listeners.close();
        listenToOthers();
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
            return clazz.cast(manager.regionCache().region(region, io.regioncache.RegionOptions.of(
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
        listenToOthers();
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
        requireOpen();
        Objects.requireNonNull(listener, "listener configuration");
        configuration.removeCacheEntryListenerConfiguration(listener);
        listeners.deregister(listener);
        listenToOthers();
    }

    @Override
    public Iterator<Cache.Entry<K, V>> iterator() {
        requireOpen();
        Iterator<String> fields = store.fields(region).stream().filter(KeyFields::isEntry).toList().iterator();
        return new Iterator<>() {
            private Cache.Entry<K, V> next;
            private K last;

            @Override
            public boolean hasNext() {
                while (next == null && fields.hasNext()) {
                    K key = keyOf(fields.next());
                    Current<V> current = read(key);
                    if (current.present()) {
                        statistics.hits(1);
                        touch(key, current);
                        next = new JCacheEntry<>(key, current.value);
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

    /** Removes every expired entry of the cache (its region's fields that are entries), firing expired events. */
    void sweepExpired() {
        if (closed) {
            return;
        }
        List<String> fields = store.fields(region).stream().filter(KeyFields::isEntry).toList();
        long now = System.currentTimeMillis();
        store.getAll(region, fields).forEach((field, raw) -> {
            Envelope envelope = Envelope.parse(raw);
            if (envelope.expiredAt(now) && change(field, raw, null, EventType.EXPIRED)) {
                expired(keyOf(field), envelope);
            }
        });
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

    // ---- the entry, read and changed through the store ----

    /** The key's live entry, or an absent one; an expired entry found on the way is removed (an expired event). */
    private Current<V> read(K key) {
        String field = keys.field(key);
        while (true) {
            byte[] raw = store.get(region, field);
            if (raw == null) {
                return new Current<>(null, null, null);
            }
            Envelope envelope = Envelope.parse(raw);
            if (!envelope.expiredAt(System.currentTimeMillis())) {
                return new Current<>(raw, envelope, decode(envelope.value()));
            }
            if (change(field, raw, null, EventType.EXPIRED)) {
                expired(key, envelope);
                return new Current<>(null, null, null);
            }
        }
    }

    /** Puts the value whatever is there; returns the value it replaced, or null. */
    private V store(K key, V value) {
        while (true) {
            Current<V> current = read(key);
            if (current.present() ? update(key, value, current) : create(key, value, current)) {
                return current.value;
            }
        }
    }

    /** Creates the entry over an absent one; false if the field changed since {@code current} was read. */
    private boolean create(K key, V value, Current<V> current) {
        long expiresAt = expiresAt(() -> expiry.getExpiryForCreation(), Duration.ETERNAL);
        if (expiresAt <= System.currentTimeMillis()) {
            // Expired at creation: JCache says the entry is never added (and so nothing is counted).
            return true;
        }
        if (!change(keys.field(key), current.raw, Envelope.of(expiresAt, encode(value)).raw(), EventType.CREATED)) {
            return false;
        }
        statistics.puts(1);
        dispatch(EventType.CREATED, key, value, null);
        return true;
    }

    /** Replaces a live entry's value; false if the field changed since {@code current} was read. */
    private boolean update(K key, V value, Current<V> current) {
        long expiresAt = expiresAt(() -> expiry.getExpiryForUpdate(), null);
        long keep = expiresAt < 0 ? current.envelope.expiresAt() : expiresAt;
        if (!change(keys.field(key), current.raw, Envelope.of(keep, encode(value)).raw(), EventType.UPDATED)) {
            return false;
        }
        statistics.puts(1);
        dispatch(EventType.UPDATED, key, value, current.value);
        return true;
    }

    /** Removes the entry; returns its value, or null if there was none. */
    private V delete(K key) {
        while (true) {
            Current<V> current = read(key);
            if (!current.present()) {
                return null;
            }
            if (change(keys.field(key), current.raw, null, EventType.REMOVED)) {
                statistics.removals(1);
                dispatch(EventType.REMOVED, key, current.value, current.value);
                return current.value;
            }
        }
    }

    /**
     * One compare-and-set of the field; a change that listeners hear of ({@code type} not null) is
     * published to other processes in the same step.
     */
    private boolean change(String field, byte[] expected, byte[] update, EventType type) {
        byte[] event = type != null && store.shared()
                ? RemoteEvent.of(manager.id(), type, field, expected, update).encode() : null;
        return store.compareAndSet(region, field, expected, update, event);
    }

    /**
     * An event published by another process's change of this cache's region: delivered to this
     * cache's listeners on the event thread (synchronous ones too, since no caller of this process
     * waits for them); failures are logged.
     */
    private void heard(byte[] message) {
        if (closed) {
            return;
        }
        events.execute(() -> {
            try {
                RemoteEvent event = RemoteEvent.decode(message);
                if (event.origin().equals(manager.id())) {
                    return;
                }
                V old = event.oldEntry().length == 0 ? null : decode(Envelope.parse(event.oldEntry()).value());
                V now = event.newEntry().length == 0 ? null : decode(Envelope.parse(event.newEntry()).value());
                listeners.dispatch(new JCacheEvent<>(this, event.type(), keyOf(event.field()), now == null ? old : now, old));
            } catch (RuntimeException e) {
                LOG.warn("an entry event of another process for cache {} could not be delivered", name, e);
            }
        });
    }

    /** Listens to other processes' changes while the cache has listeners. */
    private synchronized void listenToOthers() {
        if (listeners.isEmpty()) {
            if (othersChanges != null) {
                closeQuietly(othersChanges);
                othersChanges = null;
            }
        } else if (othersChanges == null && store.shared()) {
            othersChanges = store.listen(region, this::heard);
        }
    }

    private static void closeQuietly(AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed", handle, e);
        }
    }

    /** Applies the expiry policy's access rule; a lost race with a writer leaves the writer's entry. */
    private void touch(K key, Current<V> current) {
        long expiresAt = expiresAt(() -> expiry.getExpiryForAccess(), null);
        if (expiresAt >= 0) {
            change(keys.field(key), current.raw, current.envelope.expiringAt(expiresAt).raw(), null);
        }
    }

    /**
     * When an entry changed now expires, by the policy's answer: -1 for "unchanged" (a null
     * answer, or a failing policy, without a fallback).
     */
    private long expiresAt(Supplier<Duration> policy, Duration fallback) {
        Duration duration;
        try {
            duration = policy.get();
        } catch (RuntimeException e) {
            LOG.warn("the expiry policy of cache {} failed; the entry's expiry is left as it was", name, e);
            duration = fallback;
        }
        if (duration == null) {
            duration = fallback;
        }
        if (duration == null) {
            return -1;
        }
        if (duration.isEternal()) {
            return Envelope.ETERNAL;
        }
        long now = System.currentTimeMillis();
        return duration.isZero() ? now : duration.getAdjustedTime(now);
    }

    private V loadAndStore(K key, Current<V> current) {
        V value = loadValue(key);
        if (value != null) {
            create(key, value, current);
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
                    store(key, value);
                } else {
                    Current<V> current = read(key);
                    if (!current.present()) {
                        create(key, value, current);
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

    private void expired(K key, Envelope envelope) {
        if (!listeners.isEmpty()) {
            V old = decode(envelope.value());
            dispatch(EventType.EXPIRED, key, old, old);
        }
    }

    private void dispatch(EventType type, K key, V value, V oldValue) {
        if (!listeners.isEmpty()) {
            listeners.dispatch(new JCacheEvent<>(this, type, key, value, oldValue));
        }
    }

    private byte[] encode(V value) {
        try {
            return codec.encode(value);
        } catch (CodecException e) {
            throw new CacheException("cache " + name + " cannot store a value of " + value.getClass().getName()
                    + " by value: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private V decode(byte[] bytes) {
        return (V) codec.decode(bytes);
    }

    @SuppressWarnings("unchecked")
    private K keyOf(String field) {
        return (K) keys.key(field);
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
        return "RegionJCache[" + name + " on region " + region + "]";
    }

    /**
     * What an operation read: the field's bytes (null when absent or just expired), the parsed
     * envelope and the decoded value (both null when absent).
     */
    private record Current<V>(byte[] raw, Envelope envelope, V value) {
        boolean present() {
            return value != null;
        }
    }
}

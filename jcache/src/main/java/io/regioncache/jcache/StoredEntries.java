package io.regioncache.jcache;

import io.regioncache.Codec;
import io.regioncache.CodecException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.event.EventType;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache's entries as the store holds them: each read parses the stored {@link Envelope} (an
 * expired one is removed, with its expired event), and each change is one compare-and-set
 * against what was read, applying the expiry policy, counting puts and removals, and firing the
 * entry's event here and, through the store, in other processes. The JCache operations in
 * {@link RegionJCache} are built from these steps.
 */
final class StoredEntries<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(StoredEntries.class);

    private final Cache<K, V> cache;
    private final String name;
    private final String region;
    private final EntryStore store;
    private final Codec<Object> codec;
    private final KeyFields keys;
    private final ExpiryPolicy expiry;
    private final JCacheStatistics statistics;
    private final EntryListeners<K, V> listeners;
    private final Executor events;
    private final String managerId;
    /** Open while the cache has listeners (on a shared store); guarded by this. */
    private AutoCloseable othersChanges;
    private volatile boolean closed;

    StoredEntries(Cache<K, V> cache, String region, EntryStore store, Codec<Object> codec, ExpiryPolicy expiry,
                  JCacheStatistics statistics, EntryListeners<K, V> listeners, Executor events, String managerId) {
        this.cache = cache;
        this.name = cache.getName();
        this.region = region;
        this.store = store;
        this.codec = codec;
        this.keys = new KeyFields(codec);
        this.expiry = expiry;
        this.statistics = statistics;
        this.listeners = listeners;
        this.events = events;
        this.managerId = managerId;
    }

    String region() {
        return region;
    }

    /** The fields of the region that are entries of the cache. */
    List<String> fields() {
        return store.fields(region).stream().filter(KeyFields::isEntry).toList();
    }

    /** Removes the cache's entries, and those of every region below it; no events. */
    void purge() {
        store.purge(region);
    }

    /**
     * Removes the entry {@code current} read, if it is unchanged: counts a removal and fires the
     * removed event.
     */
    boolean removeIfUnchanged(K key, Current<V> current) {
        if (!change(keys.field(key), current.raw(), null, EventType.REMOVED)) {
            return false;
        }
        statistics.removals(1);
        dispatch(EventType.REMOVED, key, current.value(), current.value());
        return true;
    }

    /** Stops hearing other processes' changes. */
    synchronized void close() {
        closed = true;
        if (othersChanges != null) {
            closeQuietly(othersChanges);
            othersChanges = null;
        }
    }

    /** Removes every expired entry of the cache (its region's fields that are entries), firing expired events. */
    void sweepExpired() {
        if (closed) {
            return;
        }
        List<String> fields = fields();
        long now = System.currentTimeMillis();
        store.getAll(region, fields).forEach((field, raw) -> {
            Envelope envelope = Envelope.parse(raw);
            if (envelope.expiredAt(now) && change(field, raw, null, EventType.EXPIRED)) {
                expired(keyOf(field), envelope);
            }
        });
    }

    /** The key's live entry, or an absent one; an expired entry found on the way is removed (an expired event). */
    Current<V> read(K key) {
        String field = keys.field(key);
        Current<V> current = live(key, field, store.get(region, field));
        while (current == null) {
            current = live(key, field, store.get(region, field));
        }
        return current;
    }

    /** {@link #read} of many keys, with one round trip for all of them unless some expired meanwhile. */
    Map<K, Current<V>> readAll(Collection<? extends K> requested) {
        Map<String, K> byField = new LinkedHashMap<>();
        requested.forEach(key -> byField.put(keys.field(key), key));
        Map<String, byte[]> stored = store.getAll(region, byField.keySet());
        Map<K, Current<V>> read = new LinkedHashMap<>();
        byField.forEach((field, key) -> {
            Current<V> current = live(key, field, stored.get(field));
            read.put(key, current == null ? read(key) : current);
        });
        return read;
    }

    /**
     * The entry these bytes hold, an absent one for none or for an expired entry this call
     * removed (firing the expired event), or null when the expired entry changed meanwhile and
     * must be read again.
     */
    private Current<V> live(K key, String field, byte[] raw) {
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
        return null;
    }


    /** Puts the value whatever is there; returns the value it replaced, or null. */
    V store(K key, V value) {
        while (true) {
            Current<V> current = read(key);
            if (current.present() ? update(key, value, current) : create(key, value, current)) {
                return current.value;
            }
        }
    }

    /** Creates the entry over an absent one; false if the field changed since {@code current} was read. */
    boolean create(K key, V value, Current<V> current) {
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
    boolean update(K key, V value, Current<V> current) {
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
    V delete(K key) {
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
                ? RemoteEvent.of(managerId, type, field, expected, update).encode() : null;
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
                if (event.origin().equals(managerId)) {
                    return;
                }
                V old = event.oldEntry().length == 0 ? null : decode(Envelope.parse(event.oldEntry()).value());
                V now = event.newEntry().length == 0 ? null : decode(Envelope.parse(event.newEntry()).value());
                listeners.dispatch(new JCacheEvent<>(cache, event.type(), keyOf(event.field()), now == null ? old : now, old));
            } catch (RuntimeException e) {
                LOG.warn("an entry event of another process for cache {} could not be delivered", name, e);
            }
        });
    }

    /** Listens to other processes' changes while the cache has listeners. */
    synchronized void listenToOthers() {
        if (closed) {
            return;
        }
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
    void touch(K key, Current<V> current) {
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

    private void expired(K key, Envelope envelope) {
        if (!listeners.isEmpty()) {
            V old = decode(envelope.value());
            dispatch(EventType.EXPIRED, key, old, old);
        }
    }

    private void dispatch(EventType type, K key, V value, V oldValue) {
        if (!listeners.isEmpty()) {
            listeners.dispatch(new JCacheEvent<>(cache, type, key, value, oldValue));
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
    K keyOf(String field) {
        return (K) keys.key(field);
    }

    /**
     * What an operation read: the field's bytes (null when absent or just expired), the parsed
     * envelope and the decoded value (both null when absent).
     */
    record Current<V>(byte[] raw, Envelope envelope, V value) {
        boolean present() {
            return value != null;
        }
    }
}

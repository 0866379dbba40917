package io.regioncache.jcache;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache's registered entry listeners. Synchronous ones run in the thread that changed the
 * entry, after the change, and their exceptions reach the caller as {@link
 * CacheEntryListenerException}; asynchronous ones run on the manager's event thread, in the order
 * of the changes, and their exceptions are logged.
 */
final class EntryListeners<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(EntryListeners.class);

    private final List<Registration<K, V>> registrations = new CopyOnWriteArrayList<>();
    private final Executor asyncEvents;

    EntryListeners(Executor asyncEvents) {
        this.asyncEvents = asyncEvents;
    }

    void register(CacheEntryListenerConfiguration<K, V> configuration) {
        Factory<? extends CacheEntryEventFilter<? super K, ? super V>> filterFactory =
                configuration.getCacheEntryEventFilterFactory();
        registrations.add(new Registration<>(configuration, configuration.getCacheEntryListenerFactory().create(),
                filterFactory == null ? null : filterFactory.create()));
    }

    void deregister(CacheEntryListenerConfiguration<K, V> configuration) {
        registrations.removeIf(registration -> {
            if (registration.configuration.equals(configuration)) {
                closeQuietly(registration.listener);
                closeQuietly(registration.filter);
                return true;
            }
            return false;
        });
    }

    boolean isEmpty() {
        return registrations.isEmpty();
    }

    void dispatch(JCacheEvent<K, V> event) {
        CacheEntryListenerException failure = null;
        for (Registration<K, V> registration : registrations) {
            if (!registration.listens(event.getEventType())) {
                continue;
            }
            // An update's old value goes only to listeners that asked for it; a removed or expired
            // entry's old value is its value, which every listener gets.
            JCacheEvent<K, V> delivered = registration.configuration.isOldValueRequired()
                    || event.getEventType() != EventType.UPDATED ? event : event.withoutOldValue();
            if (registration.configuration.isSynchronous()) {
                try {
                    registration.deliver(delivered);
                } catch (CacheEntryListenerException e) {
                    failure = e;
                } catch (RuntimeException e) {
                    failure = new CacheEntryListenerException(e);
                }
            } else {
                asyncEvents.execute(() -> {
                    try {
                        registration.deliver(delivered);
                    } catch (RuntimeException e) {
                        LOG.warn("asynchronous cache entry listener {} failed on a {} event", registration.listener,
                                delivered.getEventType(), e);
                    }
                });
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    void close() {
        for (Registration<K, V> registration : registrations) {
            closeQuietly(registration.listener);
            closeQuietly(registration.filter);
        }
        registrations.clear();
    }

    static void closeQuietly(Object resource) {
        if (resource instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("closing {} failed", resource, e);
            }
        }
    }

    private record Registration<K, V>(CacheEntryListenerConfiguration<K, V> configuration,
                                      CacheEntryListener<? super K, ? super V> listener,
                                      CacheEntryEventFilter<? super K, ? super V> filter) {

        boolean listens(EventType type) {
            return switch (type) {
                case CREATED -> listener instanceof CacheEntryCreatedListener;
                case UPDATED -> listener instanceof CacheEntryUpdatedListener;
                case REMOVED -> listener instanceof CacheEntryRemovedListener;
                case EXPIRED -> listener instanceof CacheEntryExpiredListener;
            };
        }

        @SuppressWarnings("unchecked")
        void deliver(JCacheEvent<K, V> event) {
            if (filter != null && !filter.evaluate(event)) {
                return;
            }
            List<JCacheEvent<K, V>> events = List.of(event);
            Iterable<javax.cache.event.CacheEntryEvent<? extends K, ? extends V>> batch = (Iterable) events;
            switch (event.getEventType()) {
                case CREATED -> ((CacheEntryCreatedListener<K, V>) listener).onCreated(batch);
                case UPDATED -> ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(batch);
                case REMOVED -> ((CacheEntryRemovedListener<K, V>) listener).onRemoved(batch);
                case EXPIRED -> ((CacheEntryExpiredListener<K, V>) listener).onExpired(batch);
            }
        }
    }
}

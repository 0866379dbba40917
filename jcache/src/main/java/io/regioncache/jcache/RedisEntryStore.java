package io.regioncache.jcache;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.regioncache.RegionCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.cache.CacheException;

/**
 * Entries in Redis, in the region store's layout: a region's hash at {@code <prefix><name>} and
 * each ancestor's child set at {@code <prefix><ancestor>::child_caches}. Reads are one HGET (or
 * HMGET); a change is one Lua script that compares and sets the field and links the region into
 * its ancestors' child sets, as the region store's writes do, so that purging an ancestor
 * region reaches it, and publishes the change on the region's event channel ({@code
 * <prefix><name>::jcache-events}) for the listeners of other processes. Purges go through {@link
 * RegionCache}, so they stay one atomic step over the whole subtree.
 */
final class RedisEntryStore implements EntryStore {

    private static final String CHILDREN = "::child_caches";
    /** Region names cannot contain "::", so no region's hash is a channel name. */
    private static final String EVENTS = "::jcache-events";
    private static final String SCRIPT = loadScript();
    private static final byte[] ONE = {'1'};
    private static final byte[] ZERO = {'0'};
    private static final byte[] NOTHING = {};

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisCommands<String, byte[]> redis;
    private final RegionCache regions;
    private final String prefix;
    private final String scriptSha;
    private final Map<String, List<Consumer<byte[]>>> listeners = new HashMap<>();
    /** Connected when the first listener comes; guarded by {@link #listeners}. */
    private StatefulRedisPubSubConnection<String, byte[]> pubSub;

    RedisEntryStore(RedisURI uri, ClientResources resources, RegionCache regions, String prefix) {
        this.client = RedisClient.create(resources, uri);
        try {
            this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        } catch (RuntimeException e) {
            client.shutdown();
            throw new CacheException("cannot connect to Redis at " + uri.getHost() + ":" + uri.getPort(), e);
        }
        this.redis = connection.sync();
        this.regions = regions;
        this.prefix = prefix;
        this.scriptSha = redis.digest(SCRIPT);
    }

    @Override
    public byte[] get(String region, String field) {
        return call(() -> redis.hget(prefix + region, field));
    }

    @Override
    public Map<String, byte[]> getAll(String region, Collection<String> fields) {
        Map<String, byte[]> hits = new HashMap<>();
        if (fields.isEmpty()) {
            return hits;
        }
        for (KeyValue<String, byte[]> pair : call(() -> redis.hmget(prefix + region, fields.toArray(String[]::new)))) {
            if (pair.hasValue()) {
                hits.put(pair.getKey(), pair.getValue());
            }
        }
        return hits;
    }

    @Override
    public boolean compareAndSet(String region, String field, byte[] expected, byte[] update, byte[] event) {
        List<String> lineage = lineage(region);
        List<String> keys = new ArrayList<>();
        keys.add(prefix + region);
        lineage.subList(0, lineage.size() - 1).forEach(ancestor -> keys.add(prefix + ancestor + CHILDREN));
        List<byte[]> args = new ArrayList<>(List.of(field.getBytes(StandardCharsets.UTF_8),
                expected == null ? ZERO : ONE, expected == null ? NOTHING : expected,
                update == null ? ZERO : ONE, update == null ? NOTHING : update,
                event == null ? NOTHING : channel(region).getBytes(StandardCharsets.UTF_8),
                event == null ? NOTHING : event));
        lineage.subList(1, lineage.size()).forEach(child -> args.add(child.getBytes(StandardCharsets.UTF_8)));
        String[] keyArray = keys.toArray(String[]::new);
        byte[][] argArray = args.toArray(byte[][]::new);
        Long applied = call(() -> {
            try {
                return redis.<Long>evalsha(scriptSha, ScriptOutputType.INTEGER, keyArray, argArray);
            } catch (RedisNoScriptException e) {
                return redis.<Long>eval(SCRIPT, ScriptOutputType.INTEGER, keyArray, argArray);
            }
        });
        return applied == 1L;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public AutoCloseable listen(String region, Consumer<byte[]> listener) {
        String channel = channel(region);
        synchronized (listeners) {
            if (pubSub == null) {
                pubSub = client.connectPubSub(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                pubSub.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String from, byte[] message) {
                        listeners.getOrDefault(from, List.of()).forEach(heard -> heard.accept(message));
                    }
                });
            }
            if (listeners.computeIfAbsent(channel, any -> new CopyOnWriteArrayList<>()).isEmpty()) {
                pubSub.sync().subscribe(channel);
            }
            listeners.get(channel).add(listener);
        }
        return () -> {
            synchronized (listeners) {
                List<Consumer<byte[]>> heard = listeners.get(channel);
                if (heard != null && heard.remove(listener) && heard.isEmpty()) {
                    listeners.remove(channel);
                    pubSub.sync().unsubscribe(channel);
                }
            }
        };
    }

    /** The pub/sub channel of a region's JCache events. */
    private String channel(String region) {
        return prefix + region + EVENTS;
    }

    @Override
    public Set<String> fields(String region) {
        return new HashSet<>(call(() -> redis.hkeys(prefix + region)));
    }

    @Override
    public void purge(String region) {
        regions.region(region).invalidate();
    }

    @Override
    public void close() {
        synchronized (listeners) {
            if (pubSub != null) {
                pubSub.close();
            }
            listeners.clear();
        }
        connection.close();
        client.shutdown();
    }

    /** Redis failures reach JCache callers as JCache's own exception, with the cause kept. */
    private static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw new CacheException("Redis failed: " + e.getMessage(), e);
        }
    }

    /** The region and its ancestors, root first: {@code root.a.b} is root, root.a, root.a.b. */
    private static List<String> lineage(String region) {
        List<String> lineage = new ArrayList<>();
        for (int dot = region.indexOf('.'); dot >= 0; dot = region.indexOf('.', dot + 1)) {
            lineage.add(region.substring(0, dot));
        }
        lineage.add(region);
        return lineage;
    }

    private static String loadScript() {
        try (InputStream in = RedisEntryStore.class.getResourceAsStream("compare-and-set.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

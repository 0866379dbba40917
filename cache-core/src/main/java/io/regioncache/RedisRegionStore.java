package io.regioncache;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Regions in Redis, laid out as Python region_cache does: a hash per region at {@code
 * <prefix><name>}, a set of child names at {@code <prefix><name>::child_caches}, plus a generation
 * token at {@code <prefix><name>::generation} (see {@link GenerationTokens}). Every multi-command step is a Lua script; a read
 * is one plain command (a hit is one HGET).
 */
final class RedisRegionStore implements RegionStore {

    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final String CHILDREN = "::child_caches";
    private static final String GENERATION = "::generation";
    /**
     * The key of the store's id. Region names cannot contain "::", so no region's hash, child
     * set or generation can be this key.
     */
    static final String STORE_ID = "::store-id";
    private static final LuaScript WRITE = LuaScript.load("write.lua");
    private static final LuaScript INVALIDATE = LuaScript.load("invalidate.lua");
    private static final LuaScript INVALIDATE_KEYS = LuaScript.load("invalidate-keys.lua");
    private static final LuaScript SIZE = LuaScript.load("size.lua");

    private final LazyRedisConnection connection;
    private final String prefix;
    private final Duration commandTimeout;
    /** Read at connect, or at the first binding of a cache that connected lazily. */
    private volatile String storeId;

    private RedisRegionStore(LazyRedisConnection connection, String prefix, Duration commandTimeout) {
        this.connection = connection;
        this.prefix = prefix;
        this.commandTimeout = commandTimeout;
    }

    /**
     * @param failFast throw if Redis cannot be reached now, instead of connecting on first use
     * @throws CacheUnavailableException if {@code failFast} and Redis cannot be reached
     * @throws RegionCacheException      if Redis answers but refuses the URL's settings, whatever
     *                                   {@code failFast}: retrying would never help
     */
    static RedisRegionStore open(RedisURI uri, String prefix, Duration commandTimeout, boolean failFast) {
        LazyRedisConnection connection = new LazyRedisConnection(uri, commandTimeout);
        RedisRegionStore store = new RedisRegionStore(connection, prefix, commandTimeout);
        try {
            connection.connect();
            store.sharedIdentity();
        } catch (CacheUnavailableException e) {
            if (failFast) {
                connection.close();
                throw e;
            }
            org.slf4j.LoggerFactory.getLogger(RedisRegionStore.class)
                    .warn("{}; the cache starts degraded and connects on first use once Redis answers", e.getMessage());
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return store;
    }

    @Override
    public byte[] get(String region, String key) {
        return call(redis -> redis.hget(prefix + region, key));
    }

    @Override
    public Map<String, byte[]> getAll(String region, List<String> keys) {
        List<KeyValue<String, byte[]>> values = call(redis -> redis.hmget(prefix + region, keys.toArray(String[]::new)));
        Map<String, byte[]> hits = new LinkedHashMap<>();
        values.forEach(value -> value.ifHasValue(bytes -> hits.put(value.getKey(), bytes)));
        return hits;
    }

    @Override
    public boolean containsKey(String region, String key) {
        return call(redis -> redis.hexists(prefix + region, key));
    }

    @Override
    public Set<String> keys(String region) {
        return call(redis -> redis.hkeys(prefix + region)).stream()
                .filter(field -> !EntryKeys.isReserved(field))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public int size(String region) {
        Long count = call(redis -> SIZE.run(redis, ScriptOutputType.INTEGER, new String[] {prefix + region}));
        return Math.toIntExact(count);
    }

    @Override
    public Set<String> children(String region) {
        return call(redis -> redis.smembers(prefix + region + CHILDREN)).stream()
                .map(name -> new String(name, StandardCharsets.UTF_8))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public int write(List<String> lineage, StoreWrite write) {
        int ancestors = lineage.size() - 1;
        List<String> keys = new ArrayList<>();
        keys.add(prefix + lineage.get(ancestors));
        lineage.subList(0, ancestors).forEach(ancestor -> keys.add(prefix + ancestor + CHILDREN));
        List<byte[]> args = new ArrayList<>();
        args.add(utf8(Long.toString(write.timeoutMillis())));
        args.add(utf8(write.resetTimeout() ? "1" : "0"));
        args.add(utf8(Integer.toString(ancestors)));
        args.add(utf8(Integer.toString(write.puts().size())));
        args.add(utf8(Integer.toString(write.removes().size())));
        args.add(utf8(write.fence() ? "1" : "0"));
        lineage.subList(1, lineage.size()).forEach(child -> args.add(utf8(child)));
        write.puts().forEach((field, value) -> {
            args.add(utf8(field));
            args.add(value);
        });
        write.removes().forEach(field -> args.add(utf8(field)));
        if (write.guarded()) {
            lineage.forEach(region -> keys.add(prefix + region + GENERATION));
            write.expectedGenerations().forEach(generation -> args.add(utf8(generation)));
        }
        if (write.fence()) {
            keys.add(prefix + lineage.get(ancestors) + GENERATION);
            args.add(utf8(GenerationTokens.fresh()));
            args.add(utf8(Long.toString(GenerationTokens.TIME_TO_LIVE.toMillis())));
        }
        Long result = call(redis -> WRITE.run(redis, ScriptOutputType.INTEGER, keys.toArray(String[]::new),
                args.toArray(byte[][]::new)));
        return Math.toIntExact(result);
    }

    @Override
    public List<String> generations(List<String> lineage) {
        String[] keys = lineage.stream().map(region -> prefix + region + GENERATION).toArray(String[]::new);
        return call(redis -> redis.mget(keys)).stream()
                .map(value -> value.hasValue() ? new String(value.getValue(), StandardCharsets.UTF_8) : "")
                .collect(Collectors.toList());
    }

    @Override
    public void invalidate(List<String> lineage) {
        String region = lineage.get(lineage.size() - 1);
        List<String> keys = new ArrayList<>(List.of(prefix + region + GENERATION));
        if (lineage.size() > 1) {
            keys.add(prefix + lineage.get(lineage.size() - 2) + CHILDREN);
        }
        call(redis -> INVALIDATE.run(redis, ScriptOutputType.INTEGER, keys.toArray(String[]::new), utf8(prefix), utf8(region),
                utf8(GenerationTokens.fresh()), utf8(Long.toString(GenerationTokens.TIME_TO_LIVE.toMillis()))));
    }

    @Override
    public void invalidateKeys(String region, Collection<String> keys) {
        byte[][] fields = Stream.concat(
                        Stream.of(GenerationTokens.fresh(), Long.toString(GenerationTokens.TIME_TO_LIVE.toMillis())),
                        keys.stream())
                .map(RedisRegionStore::utf8).toArray(byte[][]::new);
        call(redis -> INVALIDATE_KEYS.run(redis, ScriptOutputType.INTEGER,
                new String[] {prefix + region, prefix + region + GENERATION}, fields));
    }

    @Override
    public Optional<Duration> timeToLive(String region) {
        long millis = call(redis -> redis.pttl(prefix + region));
        return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    @Override
    public void expire(String region, Duration timeout) {
        call(redis -> redis.pexpire(prefix + region, timeout.toMillis()));
    }

    /**
     * An id kept in Redis itself ({@code <prefix>::store-id}, a random UUID set once with {@code
     * SET NX}): caches that reach one Redis by different names (localhost, 127.0.0.1, a service
     * name) share it, while two Redis servers that each answer at {@code localhost:6379} (one
     * sidecar per pod) never do. A Redis that restarts empty is a new store with a new id.
     *
     * @throws CacheUnavailableException if the id is not known yet and Redis cannot be reached
     */
    @Override
    public Optional<String> sharedIdentity() {
        String known = storeId;
        if (known == null) {
            String key = prefix + STORE_ID;
            byte[] id = call(redis -> {
                redis.set(key, utf8(UUID.randomUUID().toString()), SetArgs.Builder.nx());
                return redis.get(key);
            });
            known = new String(id, StandardCharsets.UTF_8);
            storeId = known;
        }
        return Optional.of(known);
    }

    @Override
    public void close() {
        connection.close();
    }

    /** Runs a command, turning the client's failures into the cache's. */
    private <T> T call(Function<RedisCommands<String, byte[]>, T> command) {
        try {
            return command.apply(connection.commands());
        } catch (RedisException e) {
            throw new CacheUnavailableException("Redis at " + connection.display() + " failed: " + e.getMessage(), e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return connection.display() + ", commandTimeout=" + commandTimeout;
    }
}

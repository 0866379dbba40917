package io.regioncache;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import java.io.IOException;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Regions in Redis, laid out as Python region_cache does: a hash per region at {@code
 * <prefix><name>}, a set of child names at {@code <prefix><name>::child_caches}, plus a generation
 * token at {@code <prefix><name>::generation} (see {@link GenerationTokens}). Every multi-command step is a Lua script; a read
 * is one plain command (a hit is one HGET; {@link #lookup} sends its HGET and MGET together).
 * Non-blocking: commands go out on Lettuce's async API and their futures complete on its I/O
 * threads.
 */
final class RedisRegionStore implements RegionStore {

    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final String CHILDREN = "::child_caches";
    /** The suffix of a region's generation key, which every purge of the region replaces first. */
    static final String GENERATION = "::generation";
    /**
     * The key of the store's id. Region names cannot contain "::", so no region's hash, child
     * set or generation can be this key.
     */
    static final String STORE_ID = "::store-id";
    private static final LuaScript WRITE = LuaScript.load("write.lua");
    private static final LuaScript PUT_IF_ABSENT = LuaScript.load("put-if-absent.lua");
    private static final LuaScript INVALIDATE = LuaScript.load("invalidate.lua");
    private static final LuaScript INVALIDATE_KEYS = LuaScript.load("invalidate-keys.lua");
    private static final LuaScript SIZE = LuaScript.load("size.lua");
    private static final LuaScript LEASE_LOOKUP = LuaScript.load("lease-lookup.lua");
    private static final LuaScript RELEASE_LEASE = LuaScript.load("release-lease.lua");
    private static final String LEASE = "::lease:";
    private static final long HIT = 0;
    private static final long LEASE_HELD_ELSEWHERE = 2;

    private final LazyRedisConnection connection;
    private final SilenceProbe silence;
    /** Null without a near cache. */
    private final NearCache near;
    private final String prefix;
    private final Duration commandTimeout;
    /** Read at connect, or at the first binding of a cache that connected lazily. */
    private volatile String storeId;

    private RedisRegionStore(LazyRedisConnection connection, NearCache near, String prefix, Duration commandTimeout) {
        this.connection = connection;
        this.silence = new SilenceProbe(connection);
        this.near = near;
        this.prefix = prefix;
        this.commandTimeout = commandTimeout;
    }

    /**
     * @param failFast      throw if Redis cannot be reached now, instead of connecting on first use
     * @param nearCacheSize the near cache's maximum number of entries, 0 for none
     * @throws CacheUnavailableException if {@code failFast} and Redis cannot be reached
     * @throws RegionCacheException      if Redis answers but refuses the URL's settings, whatever
     *                                   {@code failFast}: retrying would never help
     */
    static RedisRegionStore open(RedisURI uri, String prefix, Duration commandTimeout, boolean failFast,
                                 ClientResources lentResources, long nearCacheSize) {
        ClientTracking tracking = nearCacheSize > 0 ? new ClientTracking(new NearCache(nearCacheSize), prefix) : null;
        LazyRedisConnection connection = new LazyRedisConnection(uri, commandTimeout, lentResources, tracking);
        RedisRegionStore store = new RedisRegionStore(connection, tracking == null ? null : tracking.near(), prefix,
                commandTimeout);
        if (tracking != null) {
            connection.every(NearCache.TICK, tracking.near()::tick);
        }
        try {
            connection.connectNow();
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
    public CompletableFuture<byte[]> get(String region, String key) {
        return call(redis -> redis.hget(prefix + region, key));
    }

    @Override
    public CompletableFuture<Lookup> lookup(String region, String key, List<String> lineage) {
        return call(redis -> {
            // Both commands leave before either reply is awaited: one round trip.
            CompletableFuture<byte[]> value = redis.hget(prefix + region, key).toCompletableFuture();
            return generationsOf(redis, lineage).thenCombine(value, (generations, bytes) -> new Lookup(bytes, generations));
        });
    }

    /**
     * One script per poll: a hit costs the round trip a plain lookup costs, and a miss that takes
     * the lease costs no more. While another caller's lease is live, polls every twentieth of the
     * lease time (between 5 and 100 ms), or at once when the near cache hears that the region
     * changed (the holder's write): bounded by the lease, which expires.
     */
    @Override
    public CompletableFuture<Lookup> leaseLookup(String region, String key, List<String> lineage, String token,
                                                 Duration lease) {
        List<String> keys = new ArrayList<>(List.of(prefix + region, prefix + region + LEASE + key));
        lineage.forEach(name -> keys.add(prefix + name + GENERATION));
        // Taken before the poll leaves, so that a push arriving between its reply and the wait is not missed.
        CompletableFuture<Void> pushed = near == null ? null : near.nextInvalidation(region);
        CompletableFuture<List<Object>> poll = call(redis -> LEASE_LOOKUP.run(redis, ScriptOutputType.MULTI,
                keys.toArray(String[]::new), utf8(key), utf8(token), utf8(Long.toString(Math.max(1, lease.toMillis())))));
        return poll.thenCompose(reply -> {
            long state = (Long) reply.get(2);
            if (state == LEASE_HELD_ELSEWHERE) {
                Duration interval = Duration.ofMillis(Math.min(100, Math.max(5, lease.toMillis() / 20)));
                CompletableFuture<?> wake = pushed == null ? connection.after(interval)
                        // With tracking, the holder's write to the hash this poll read pushes at once.
                        : CompletableFuture.anyOf(connection.after(interval), pushed);
                return wake.thenCompose(woken -> leaseLookup(region, key, lineage, token, lease));
            }
            List<String> generations = ((List<?>) reply.get(1)).stream()
                    .map(generation -> new String((byte[]) generation, StandardCharsets.UTF_8)).collect(Collectors.toList());
            return CompletableFuture.completedFuture(new Lookup(state == HIT ? (byte[]) reply.get(0) : null, generations));
        });
    }

    @Override
    public CompletableFuture<Void> releaseLease(String region, String key, String token) {
        return call(redis -> RELEASE_LEASE.run(redis, ScriptOutputType.INTEGER, new String[] {prefix + region + LEASE + key},
                utf8(token)).thenApply(released -> null));
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> getAll(String region, List<String> keys) {
        return call(redis -> hmget(redis, region, keys));
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> getAllTracked(String region, List<String> keys, List<String> lineage) {
        return call(redis -> {
            // Both commands leave before either reply is awaited: one round trip.
            CompletableFuture<Map<String, byte[]>> hits = hmget(redis, region, keys);
            return generationsOf(redis, lineage).thenCombine(hits, (generations, found) -> found);
        });
    }

    private CompletableFuture<Map<String, byte[]>> hmget(RedisAsyncCommands<String, byte[]> redis, String region, List<String> keys) {
        return redis.hmget(prefix + region, keys.toArray(String[]::new)).toCompletableFuture().thenApply(values -> {
            Map<String, byte[]> hits = new LinkedHashMap<>();
            values.forEach(value -> value.ifHasValue(bytes -> hits.put(value.getKey(), bytes)));
            return hits;
        });
    }

    @Override
    public CompletableFuture<Boolean> containsKey(String region, String key) {
        return call(redis -> redis.hexists(prefix + region, key));
    }

    @Override
    public CompletableFuture<Set<String>> keys(String region) {
        return call(redis -> redis.hkeys(prefix + region).thenApply(fields -> fields.stream()
                .filter(field -> !EntryKeys.isReserved(field))
                .collect(Collectors.toUnmodifiableSet())));
    }

    @Override
    public CompletableFuture<Integer> size(String region) {
        return call(redis -> SIZE.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {prefix + region})
                .thenApply(Math::toIntExact));
    }

    @Override
    public CompletableFuture<Set<String>> children(String region) {
        return call(redis -> redis.smembers(prefix + region + CHILDREN).thenApply(names -> names.stream()
                .map(name -> new String(name, StandardCharsets.UTF_8))
                .collect(Collectors.toUnmodifiableSet())));
    }

    @Override
    public CompletableFuture<Integer> write(List<String> lineage, StoreWrite write) {
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
        String region = lineage.get(ancestors);
        return ownWrite(() -> invalidateNear(region), () -> call(redis -> WRITE.<Long>run(redis, ScriptOutputType.INTEGER,
                keys.toArray(String[]::new), args.toArray(byte[][]::new)).thenApply(Math::toIntExact)));
    }

    /** One script; own-write near-cache handling as {@link #write}, whether or not it stored. */
    @Override
    public CompletableFuture<byte[]> putIfAbsent(List<String> lineage, String key, byte[] value, Duration timeout,
                                                 boolean resetTimeout) {
        int ancestors = lineage.size() - 1;
        String region = lineage.get(ancestors);
        List<String> keys = new ArrayList<>(List.of(prefix + region));
        lineage.subList(0, ancestors).forEach(ancestor -> keys.add(prefix + ancestor + CHILDREN));
        List<byte[]> args = new ArrayList<>(List.of(utf8(Long.toString(timeout == null ? 0 : timeout.toMillis())),
                utf8(resetTimeout ? "1" : "0"), utf8(key), value));
        lineage.subList(1, lineage.size()).forEach(child -> args.add(utf8(child)));
        return ownWrite(() -> invalidateNear(region), () -> call(redis -> PUT_IF_ABSENT.<byte[]>run(redis,
                ScriptOutputType.VALUE, keys.toArray(String[]::new), args.toArray(byte[][]::new))));
    }

    private CompletableFuture<List<String>> generationsOf(RedisAsyncCommands<String, byte[]> redis, List<String> lineage) {
        String[] keys = lineage.stream().map(region -> prefix + region + GENERATION).toArray(String[]::new);
        return redis.mget(keys).toCompletableFuture().thenApply(values -> values.stream()
                .map(value -> value.hasValue() ? new String(value.getValue(), StandardCharsets.UTF_8) : "")
                .collect(Collectors.toList()));
    }

    @Override
    public CompletableFuture<Void> invalidate(List<String> lineage) {
        String region = lineage.get(lineage.size() - 1);
        List<String> keys = new ArrayList<>(List.of(prefix + region + GENERATION));
        if (lineage.size() > 1) {
            keys.add(prefix + lineage.get(lineage.size() - 2) + CHILDREN);
        }
        Runnable dropNear = () -> {
            if (near != null) {
                near.invalidateTree(region);
            }
        };
        return ownWrite(dropNear, () -> call(redis -> INVALIDATE.run(redis, ScriptOutputType.INTEGER, keys.toArray(String[]::new),
                utf8(prefix), utf8(region), utf8(GenerationTokens.fresh()),
                utf8(Long.toString(GenerationTokens.TIME_TO_LIVE.toMillis()))).thenApply(done -> null)));
    }

    @Override
    public CompletableFuture<Void> invalidateKeys(String region, Collection<String> keys) {
        byte[][] fields = Stream.concat(
                        Stream.of(GenerationTokens.fresh(), Long.toString(GenerationTokens.TIME_TO_LIVE.toMillis())),
                        keys.stream())
                .map(RedisRegionStore::utf8).toArray(byte[][]::new);
        return ownWrite(() -> invalidateNear(region), () -> call(redis -> INVALIDATE_KEYS.run(redis, ScriptOutputType.INTEGER,
                new String[] {prefix + region, prefix + region + GENERATION}, fields).thenApply(done -> null)));
    }

    @Override
    public NearCache nearCache() {
        return near;
    }

    private void invalidateNear(String region) {
        if (near != null) {
            near.invalidate(region);
        }
    }

    /**
     * Read-your-writes for the near cache: {@code dropNear} ran before the write left (entries
     * read before it are refused) and runs again once it is done, so that a read sent between the
     * two cannot keep a value older than the write either; Redis' own push follows.
     */
    private static <T> CompletableFuture<T> ownWrite(Runnable dropNear, Supplier<CompletableFuture<T>> write) {
        dropNear.run();
        return write.get().whenComplete((result, failure) -> dropNear.run());
    }

    @Override
    public CompletableFuture<Optional<Duration>> timeToLive(String region) {
        return call(redis -> redis.pttl(prefix + region)
                .thenApply(millis -> millis < 0 ? Optional.<Duration>empty() : Optional.of(Duration.ofMillis(millis))));
    }

    @Override
    public CompletableFuture<Void> expire(String region, Duration timeout) {
        return call(redis -> redis.pexpire(prefix + region, timeout.toMillis()).thenApply(done -> null));
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
            // Waits: this runs when a cache is built or a signal is bound, never on an I/O thread.
            byte[] id = Await.result(call(redis -> redis.set(key, utf8(UUID.randomUUID().toString()), SetArgs.Builder.nx())
                    .thenCompose(set -> redis.get(key))));
            known = new String(id, StandardCharsets.UTF_8);
            storeId = known;
        }
        return Optional.of(known);
    }

    @Override
    public void close() {
        connection.close();
    }

    /**
     * Sends a command (connecting first if needed) and turns the client's failures into the cache's:
     * the future fails with {@link CacheUnavailableException} for anything Redis or the connection
     * did wrong, at once while Redis is silent after a timeout (see {@link SilenceProbe}).
     *
     * @throws IllegalStateException if the store is closed
     */
    private <T> CompletableFuture<T> call(Function<RedisAsyncCommands<String, byte[]>, ? extends CompletionStage<T>> command) {
        RedisAsyncCommands<String, byte[]> connected = connection.connected();
        CacheUnavailableException silent = connected != null ? silence.failFast() : null;
        if (silent != null) {
            return CompletableFuture.failedFuture(silent);
        }
        CompletableFuture<T> sent = connected != null ? send(command, connected)
                : connection.commands().thenCompose(ready -> send(command, ready));
        return sent.handle((result, failure) -> {
            if (failure == null) {
                return result;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof RedisCommandTimeoutException) {
                // Before the flush below: no read may fill the near cache between the two.
                silence.timedOut();
            }
            if (!isStoreFailure(cause)) {
                throw failure instanceof CompletionException ? (CompletionException) failure : new CompletionException(cause);
            }
            if (near != null) {
                // A command that failed (timeout, outage) may mean notifications are not arriving either.
                near.flush();
            }
            throw new CacheUnavailableException("Redis at " + connection.display() + " failed: " + cause.getMessage(), cause);
        });
    }

    /**
     * Whether a command's future failed because Redis or the connection did: Lettuce completes
     * commands with its own exceptions, but also with the channel's (an {@code IOException} such as
     * "Connection reset" when the server drops the connection) and cancels them when the
     * connection closes. Anything else (a cache already closed) is not an outage.
     */
    /**
     * An outage rather than a bug: Lettuce fails the command at the head of its queue with the
     * socket's own exception (Connection reset) when the connection breaks, and cancels commands
     * still queued when it closes.
     */
    private static boolean isStoreFailure(Throwable cause) {
        return cause instanceof RedisException || cause instanceof IOException || cause instanceof CancellationException;
    }

    private static <T> CompletableFuture<T> send(Function<RedisAsyncCommands<String, byte[]>, ? extends CompletionStage<T>> command,
                                                 RedisAsyncCommands<String, byte[]> redis) {
        try {
            return command.apply(redis).toCompletableFuture();
        } catch (RedisException e) {
            // Lettuce may refuse a command at once (disconnected, REJECT_COMMANDS): same as a failed reply.
            return CompletableFuture.failedFuture(e);
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

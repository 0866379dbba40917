package io.regioncache;

import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
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
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Regions in Redis, laid out as Python region_cache does: a hash per region at {@code
 * <prefix><name>}, a set of child names at {@code <prefix><name>::child_caches}, plus a generation
 * token at {@code <prefix><name>::generation} (see {@link GenerationTokens}); on a Redis Cluster
 * the same keys carry their top-level region's hash tag (see {@link RedisKeyLayout}). Every
 * multi-command step is a Lua script; a read is one plain command (a hit is one HGET; {@link
 * #lookup} sends its HGET and MGET together). Non-blocking: commands go out on Lettuce's async API
 * and their futures complete on its I/O threads.
 *
 * <p>On a cluster the root's keys are in another slot than any subtree's, so what involves the
 * root and a subtree takes two steps, ordered so that no stale load is stored (see {@link
 * #write} and {@link #invalidate}). Plain reads may go to a replica ({@link RedisLink#reads()});
 * writes, scripts and the generation reads that fence loads always go to the master.
 */
final class RedisRegionStore implements RegionStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRegionStore.class);
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
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
    private static final LuaScript PURGE_ROOT = LuaScript.load("purge-root.lua");
    private static final LuaScript LINK_TOP = LuaScript.load("link-top.lua");
    private static final long HIT = 0;
    private static final long LEASE_HELD_ELSEWHERE = 2;

    private final LazyRedisConnection connection;
    private final SilenceProbe silence;
    /** Null without a near cache. */
    private final NearCache near;
    private final String prefix;
    private final RedisKeyLayout standalone;
    /** Null until the store first meets a cluster, which is when the prefix is checked for braces. */
    private volatile RedisKeyLayout clustered;
    private final Duration commandTimeout;
    /** Read at connect, or at the first binding of a cache that connected lazily. */
    private volatile String storeId;

    private RedisRegionStore(LazyRedisConnection connection, NearCache near, String prefix, String rootName,
                             Duration commandTimeout) {
        this.connection = connection;
        this.silence = new SilenceProbe(connection);
        this.near = near;
        this.prefix = prefix;
        this.standalone = RedisKeyLayout.standalone(prefix, rootName);
        this.commandTimeout = commandTimeout;
    }

    /**
     * @param seeds         one server or Sentinel URL, or the seeds of a cluster
     * @param readReplica   a replica of a standalone master for plain reads, or null
     * @param readFrom      where plain reads go on a cluster or behind Sentinel, or null for the masters
     * @param failFast      throw if Redis cannot be reached now, instead of connecting on first use
     * @param nearCacheSize the near cache's maximum number of entries, 0 for none
     * @throws CacheUnavailableException if {@code failFast} and Redis cannot be reached
     * @throws RegionCacheException      if Redis answers but refuses the URL's settings, whatever
     *                                   {@code failFast}: retrying would never help
     * @throws IllegalArgumentException  if {@code seeds} name a cluster and {@code prefix} has a brace
     */
    static RedisRegionStore open(List<RedisURI> seeds, RedisURI readReplica, ReadFrom readFrom, String prefix,
                                 String rootName, Duration commandTimeout, boolean failFast,
                                 ClientResources lentResources, long nearCacheSize) {
        if (seeds.size() > 1) {
            RedisKeyLayout.cluster(prefix, rootName);
        }
        boolean nearPossible = seeds.size() == 1 && seeds.get(0).getSentinels().isEmpty() && readReplica == null;
        if (nearCacheSize > 0 && !nearPossible) {
            LOG.warn("The near cache stays off at {}: it is kept "
                    + "coherent by tracking on the one connection that reads, and reads here go to a cluster, through "
                    + "Sentinel or to a replica", RedisUrls.display(seeds));
        }
        ClientTracking tracking = nearCacheSize > 0 && nearPossible
                ? new ClientTracking(new NearCache(nearCacheSize), RedisKeyLayout.standalone(prefix, rootName)) : null;
        LazyRedisConnection connection = new LazyRedisConnection(seeds, readReplica, readFrom, commandTimeout,
                lentResources, tracking);
        RedisRegionStore store = new RedisRegionStore(connection, tracking == null ? null : tracking.near(), prefix,
                rootName, commandTimeout);
        if (tracking != null) {
            connection.every(NearCache.TICK, tracking.near()::tick);
            connection.every(NearHeartbeat.interval(commandTimeout), new NearHeartbeat(connection, store.silence, tracking.near()));
        }
        try {
            connection.connectNow();
            store.sharedIdentity();
        } catch (CacheUnavailableException e) {
            if (failFast) {
                connection.close();
                throw e;
            }
            LOG.warn("{}; the cache starts degraded and connects on first use once Redis answers", e.getMessage());
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return store;
    }

    @Override
    public CompletableFuture<byte[]> get(String region, String key) {
        return read((redis, keys) -> redis.hget(keys.hashKey(region), key));
    }

    /** The HGET to the reading connection, the generations to the master: both leave before either reply is awaited. */
    @Override
    public CompletableFuture<Lookup> lookup(String region, String key, List<String> lineage) {
        CompletableFuture<byte[]> value = get(region, key);
        return call(link -> generationsOf(link, lineage)).thenCombine(value, (generations, bytes) -> new Lookup(bytes, generations));
    }

    /**
     * One script per poll: a hit costs the round trip a plain lookup costs, and a miss that takes
     * the lease costs no more. While another caller's lease is live, polls every twentieth of the
     * lease time (between 5 and 100 ms), or at once when the near cache hears that the region
     * changed (the holder's write): bounded by the lease, which expires. On a cluster the root's
     * generation is read beside the script, which reads those of the region's subtree.
     */
    @Override
    public CompletableFuture<Lookup> leaseLookup(String region, String key, List<String> lineage, String token,
                                                 Duration lease) {
        // Taken before the poll leaves, so that a push arriving between its reply and the wait is not missed.
        CompletableFuture<Void> pushed = near == null ? null : near.nextInvalidation(region);
        CompletableFuture<List<Object>> poll = call(link -> {
            RedisKeyLayout keys = layout(link);
            List<String> fenced = splitsRoot(keys, lineage) ? lineage.subList(1, lineage.size()) : lineage;
            List<String> scriptKeys = new ArrayList<>(List.of(keys.hashKey(region), keys.leaseKey(region, key)));
            fenced.forEach(name -> scriptKeys.add(keys.generationKey(name)));
            CompletableFuture<List<Object>> script = LEASE_LOOKUP.run(link.writes(), ScriptOutputType.MULTI,
                    scriptKeys.toArray(String[]::new), utf8(key), utf8(token), utf8(Long.toString(Math.max(1, lease.toMillis()))));
            if (fenced == lineage) {
                return script;
            }
            CompletableFuture<byte[]> rootGeneration = link.writes().get(keys.generationKey(lineage.get(0))).toCompletableFuture();
            return script.thenCombine(rootGeneration, (reply, root) -> {
                List<Object> generations = new ArrayList<>();
                generations.add(root == null ? new byte[0] : root);
                generations.addAll((List<?>) reply.get(1));
                return List.of(reply.get(0) == null ? new byte[0] : reply.get(0), generations, reply.get(2));
            });
        });
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
        return call(link -> RELEASE_LEASE.run(link.writes(), ScriptOutputType.INTEGER,
                new String[] {layout(link).leaseKey(region, key)}, utf8(token)).thenApply(released -> null));
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> getAll(String region, List<String> keys) {
        return read((redis, layout) -> hmget(redis, layout.hashKey(region), keys));
    }

    /** Only with a near cache, which reads from the master: one connection, one round trip. */
    @Override
    public CompletableFuture<Map<String, byte[]>> getAllTracked(String region, List<String> keys, List<String> lineage) {
        return call(link -> {
            CompletableFuture<Map<String, byte[]>> hits = hmget(link.writes(), layout(link).hashKey(region), keys);
            return generationsOf(link, lineage).thenCombine(hits, (generations, found) -> found);
        });
    }

    private static CompletableFuture<Map<String, byte[]>> hmget(RedisClusterAsyncCommands<String, byte[]> redis, String hash,
                                                                List<String> keys) {
        return redis.hmget(hash, keys.toArray(String[]::new)).toCompletableFuture().thenApply(values -> {
            Map<String, byte[]> hits = new LinkedHashMap<>();
            values.forEach(value -> value.ifHasValue(bytes -> hits.put(value.getKey(), bytes)));
            return hits;
        });
    }

    @Override
    public CompletableFuture<Boolean> containsKey(String region, String key) {
        return read((redis, keys) -> redis.hexists(keys.hashKey(region), key));
    }

    @Override
    public CompletableFuture<Set<String>> keys(String region) {
        return read((redis, keys) -> redis.hkeys(keys.hashKey(region)).thenApply(fields -> fields.stream()
                .filter(field -> !RedisKeyLayout.isReservedField(field))
                .collect(Collectors.toUnmodifiableSet())));
    }

    @Override
    public CompletableFuture<Integer> size(String region) {
        return read((redis, keys) -> SIZE.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {keys.hashKey(region)})
                .thenApply(Math::toIntExact));
    }

    @Override
    public CompletableFuture<Set<String>> children(String region) {
        return call(link -> link.writes().smembers(layout(link).childrenKey(region)).thenApply(names -> names.stream()
                .map(name -> new String(name, StandardCharsets.UTF_8))
                .collect(Collectors.toUnmodifiableSet())));
    }

    /**
     * One script in the region's slot. On a cluster, a write below the root first runs {@code
     * link-top.lua} in the root's slot: it links the top-level region into the root's child set
     * (when something is put) and reads the root's generation, which a guarded write compares with
     * the one its load read. Why that order keeps a load racing a purge of the root from being
     * stored: if the link ran before the root's fence, the purge's discovery (after the fence)
     * sees the top-level region and purges its subtree, which either deletes the value stored
     * before or changes the subtree's generation so that the write below refuses it; if after, the
     * root's generation has changed and the write stops here.
     */
    @Override
    public CompletableFuture<Integer> write(List<String> lineage, StoreWrite write) {
        String region = lineage.get(lineage.size() - 1);
        return ownWrite(() -> invalidateNear(region), () -> call(link -> {
            RedisKeyLayout keys = layout(link);
            if (!splitsRoot(keys, lineage) || !(write.guarded() || !write.puts().isEmpty())) {
                return writeScript(link, keys, splitsRoot(keys, lineage) ? lineage.subList(1, lineage.size()) : lineage,
                        splitsRoot(keys, lineage) ? withoutRoot(write) : write);
            }
            return linkTop(link, keys, lineage, !write.puts().isEmpty()).thenCompose(rootGeneration ->
                    write.guarded() && !rootGeneration.equals(write.expectedGenerations().get(0))
                            ? CompletableFuture.completedFuture(STALE)
                            : writeScript(link, keys, lineage.subList(1, lineage.size()), withoutRoot(write)));
        }));
    }

    private CompletableFuture<Integer> writeScript(RedisLink link, RedisKeyLayout keyLayout, List<String> lineage, StoreWrite write) {
        int ancestors = lineage.size() - 1;
        List<String> keys = new ArrayList<>();
        keys.add(keyLayout.hashKey(lineage.get(ancestors)));
        lineage.subList(0, ancestors).forEach(ancestor -> keys.add(keyLayout.childrenKey(ancestor)));
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
            lineage.forEach(region -> keys.add(keyLayout.generationKey(region)));
            write.expectedGenerations().forEach(generation -> args.add(utf8(generation)));
        }
        if (write.fence()) {
            keys.add(keyLayout.generationKey(lineage.get(ancestors)));
            args.add(utf8(GenerationTokens.fresh()));
            args.add(utf8(Long.toString(GenerationTokens.TIME_TO_LIVE.toMillis())));
        }
        return WRITE.<Long>run(link.writes(), ScriptOutputType.INTEGER, keys.toArray(String[]::new), args.toArray(byte[][]::new))
                .thenApply(Math::toIntExact);
    }

    /** The same write for the lineage without the root, whose generation {@link #linkTop} checked. */
    private static StoreWrite withoutRoot(StoreWrite write) {
        List<String> expected = write.guarded()
                ? write.expectedGenerations().subList(1, write.expectedGenerations().size()) : null;
        return new StoreWrite(write.puts(), write.removes(), write.timeout(), write.resetTimeout(), expected, write.fence());
    }

    /** {@code link-top.lua} in the root's slot: the root's generation, "" for none yet. */
    private static CompletableFuture<String> linkTop(RedisLink link, RedisKeyLayout keys, List<String> lineage, boolean linking) {
        String root = lineage.get(0);
        return LINK_TOP.<byte[]>run(link.writes(), ScriptOutputType.VALUE,
                        new String[] {keys.childrenKey(root), keys.generationKey(root)}, utf8(lineage.get(1)), utf8(linking ? "1" : "0"))
                .thenApply(generation -> generation == null ? "" : new String(generation, StandardCharsets.UTF_8));
    }

    /** Whether {@code lineage} starts at the root and reaches below it on a cluster: two slots. */
    private static boolean splitsRoot(RedisKeyLayout keys, List<String> lineage) {
        return keys.isCluster() && lineage.size() > 1 && keys.isRoot(lineage.get(0));
    }

    /** One script; own-write near-cache handling as {@link #write}, whether or not it stored. */
    @Override
    public CompletableFuture<byte[]> putIfAbsent(List<String> lineage, String key, byte[] value, Duration timeout,
                                                 boolean resetTimeout) {
        String region = lineage.get(lineage.size() - 1);
        return ownWrite(() -> invalidateNear(region), () -> call(link -> {
            RedisKeyLayout keys = layout(link);
            if (!splitsRoot(keys, lineage)) {
                return putIfAbsentScript(link, keys, lineage, key, value, timeout, resetTimeout);
            }
            return linkTop(link, keys, lineage, true).thenCompose(rootGeneration ->
                    putIfAbsentScript(link, keys, lineage.subList(1, lineage.size()), key, value, timeout, resetTimeout));
        }));
    }

    private static CompletableFuture<byte[]> putIfAbsentScript(RedisLink link, RedisKeyLayout layout, List<String> lineage, String key,
                                                               byte[] value, Duration timeout, boolean resetTimeout) {
        int ancestors = lineage.size() - 1;
        List<String> keys = new ArrayList<>(List.of(layout.hashKey(lineage.get(ancestors))));
        lineage.subList(0, ancestors).forEach(ancestor -> keys.add(layout.childrenKey(ancestor)));
        List<byte[]> args = new ArrayList<>(List.of(utf8(Long.toString(timeout == null ? 0 : timeout.toMillis())),
                utf8(resetTimeout ? "1" : "0"), utf8(key), value));
        lineage.subList(1, lineage.size()).forEach(child -> args.add(utf8(child)));
        return PUT_IF_ABSENT.run(link.writes(), ScriptOutputType.VALUE, keys.toArray(String[]::new), args.toArray(byte[][]::new));
    }

    /** From the master: a replica's could be older than the write that will check them. */
    private CompletableFuture<List<String>> generationsOf(RedisLink link, List<String> lineage) {
        RedisKeyLayout layout = layout(link);
        String[] keys = lineage.stream().map(layout::generationKey).toArray(String[]::new);
        // On a cluster Lettuce splits an MGET by slot and puts the replies back in order.
        return link.writes().mget(keys).toCompletableFuture().thenApply(values -> values.stream()
                .map(value -> value.hasValue() ? new String(value.getValue(), StandardCharsets.UTF_8) : "")
                .collect(Collectors.toList()));
    }

    /**
     * One script below the root, on a cluster too (the subtree is in one slot). The root on a
     * cluster: {@code purge-root.lua} fences the root, deletes its own entries and names the
     * top-level regions, then each of their subtrees is purged by its own script, all sent at
     * once so the masters work in parallel; done when every one is.
     */
    @Override
    public CompletableFuture<Void> invalidate(List<String> lineage) {
        String region = lineage.get(lineage.size() - 1);
        Runnable dropNear = () -> {
            if (near != null) {
                near.invalidateTree(region);
            }
        };
        return ownWrite(dropNear, () -> call(link -> {
            RedisKeyLayout keys = layout(link);
            if (keys.isCluster() && lineage.size() == 1 && keys.isRoot(region)) {
                return purgeRoot(link, keys, region);
            }
            // A top-level region's parent set is the root's, in another slot on a cluster: it keeps the name.
            String parent = lineage.size() > 1 && !splitsRoot(keys, lineage.subList(lineage.size() - 2, lineage.size()))
                    ? lineage.get(lineage.size() - 2) : null;
            return purgeSubtree(link, keys, region, parent);
        }));
    }

    private static CompletableFuture<Void> purgeSubtree(RedisLink link, RedisKeyLayout keys, String region, String parent) {
        List<String> scriptKeys = new ArrayList<>(List.of(keys.generationKey(region)));
        if (parent != null) {
            scriptKeys.add(keys.childrenKey(parent));
        }
        return INVALIDATE.run(link.writes(), ScriptOutputType.INTEGER, scriptKeys.toArray(String[]::new),
                utf8(keys.prefix()), utf8(region), utf8(GenerationTokens.fresh()),
                utf8(Long.toString(GenerationTokens.TIME_TO_LIVE.toMillis())), utf8(keys.hashTag(region))).thenApply(done -> null);
    }

    private static CompletableFuture<Void> purgeRoot(RedisLink link, RedisKeyLayout keys, String root) {
        CompletableFuture<List<Object>> fenced = PURGE_ROOT.run(link.writes(), ScriptOutputType.MULTI,
                new String[] {keys.generationKey(root), keys.hashKey(root), keys.childrenKey(root)},
                utf8(GenerationTokens.fresh()), utf8(Long.toString(GenerationTokens.TIME_TO_LIVE.toMillis())));
        return fenced.thenCompose(topLevel -> CompletableFuture.allOf(topLevel.stream()
                .map(name -> purgeSubtree(link, keys, new String((byte[]) name, StandardCharsets.UTF_8), null))
                .toArray(CompletableFuture[]::new)));
    }

    @Override
    public CompletableFuture<Void> invalidateKeys(String region, Collection<String> keys) {
        byte[][] fields = Stream.concat(
                        Stream.of(GenerationTokens.fresh(), Long.toString(GenerationTokens.TIME_TO_LIVE.toMillis())),
                        keys.stream())
                .map(RedisRegionStore::utf8).toArray(byte[][]::new);
        return ownWrite(() -> invalidateNear(region), () -> call(link -> INVALIDATE_KEYS.run(link.writes(), ScriptOutputType.INTEGER,
                new String[] {layout(link).hashKey(region), layout(link).generationKey(region)}, fields).thenApply(done -> null)));
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
        return read((redis, keys) -> redis.pttl(keys.hashKey(region))
                .thenApply(millis -> millis < 0 ? Optional.<Duration>empty() : Optional.of(Duration.ofMillis(millis))));
    }

    @Override
    public CompletableFuture<Void> expire(String region, Duration timeout) {
        return call(link -> link.writes().pexpire(layout(link).hashKey(region), timeout.toMillis()).thenApply(done -> null));
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
            byte[] id = Await.result(call(link -> link.writes().set(key, utf8(UUID.randomUUID().toString()), SetArgs.Builder.nx())
                    .thenCompose(set -> link.writes().get(key))));
            known = new String(id, StandardCharsets.UTF_8);
            storeId = known;
        }
        return Optional.of(known);
    }

    @Override
    public void close() {
        connection.close();
    }

    /** The keys of the connected Redis: the cluster layout on a cluster. */
    private RedisKeyLayout layout(RedisLink link) {
        if (!link.cluster()) {
            return standalone;
        }
        RedisKeyLayout keys = clustered;
        if (keys == null) {
            try {
                keys = RedisKeyLayout.cluster(prefix, standalone.rootName());
            } catch (IllegalArgumentException braced) {
                throw new RegionCacheException("Redis at " + connection.display() + " is a cluster: " + braced.getMessage(), braced);
            }
            // Two threads may build it at once: the layouts are equal, either may stay.
            clustered = keys;
        }
        return keys;
    }

    /**
     * A plain read, to the replica if there is one: when it fails there, it is sent again to the
     * master, and the replica rests for a while (see {@link RedisLink}).
     */
    private <T> CompletableFuture<T> read(BiFunction<RedisClusterAsyncCommands<String, byte[]>, RedisKeyLayout,
            ? extends CompletionStage<T>> command) {
        return call(link -> {
            RedisClusterAsyncCommands<String, byte[]> reads = link.reads();
            CompletableFuture<T> sent = send(redis -> command.apply(redis, layout(link)), reads);
            if (!link.isReplica(reads)) {
                return sent;
            }
            return sent.exceptionallyCompose(failure -> {
                if (!isStoreFailure(FailureGuard.unwrap(failure))) {
                    return CompletableFuture.failedFuture(failure);
                }
                link.replicaFailed();
                LOG.warn("A read from the replica of {} failed ({}): reads go to the master for the next {} s",
                        connection.display(), FailureGuard.unwrap(failure).getMessage(),
                        TimeUnit.NANOSECONDS.toSeconds(RedisLink.REPLICA_PAUSE_NANOS));
                return send(redis -> command.apply(redis, layout(link)), link.writes());
            });
        });
    }

    /**
     * Sends a command (connecting first if needed) and turns the client's failures into the cache's:
     * the future fails with {@link CacheUnavailableException} for anything Redis or the connection
     * did wrong, at once while Redis is silent after a timeout (see {@link SilenceProbe}).
     *
     * @throws IllegalStateException if the store is closed
     */
    private <T> CompletableFuture<T> call(Function<RedisLink, ? extends CompletionStage<T>> command) {
        RedisLink connected = connection.connected();
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
     * An outage rather than a bug: Lettuce fails the command at the head of its queue with the
     * socket's own exception (Connection reset) when the connection breaks, and cancels commands
     * still queued when it closes. Anything else (a cache already closed) is not an outage.
     */
    private static boolean isStoreFailure(Throwable cause) {
        return cause instanceof RedisException || cause instanceof IOException || cause instanceof CancellationException;
    }

    private static <C, T> CompletableFuture<T> send(Function<C, ? extends CompletionStage<T>> command, C redis) {
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

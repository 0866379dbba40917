package io.regioncache;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a cache keeps its regions in Redis, for tools that read or operate them from outside the
 * library (the region-cache CLI does). Every key starts with the cache's key prefix; a region is
 * named by its full dotted name, root first ({@code root.users.profiles}), and has these keys:
 * <ul>
 * <li>{@link #hashKey} the hash of its entries, one field per key;</li>
 * <li>{@link #childrenKey} the set of its direct children's full names;</li>
 * <li>{@link #generationKey} a random token that every change which must stop loads in flight
 *     replaces: a purge of the region or of an ancestor, a {@code remove}, an invalidation of some
 *     of its keys. A load that read the old token cannot store its value afterwards. The key
 *     expires seven days after it was last set: a load that runs longer is not fenced.</li>
 * <li>a lease key per entry key that a {@code getOrCompute} is loading,
 *     {@code <hash key>::lease:<entry key>}: it names the loader and expires after the lease time,
 *     or is deleted when the loader gives it back.</li>
 * </ul>
 * Region names cannot contain {@code ::}, so a key is a region's hash exactly when
 * {@link #regionOf} finds its region; every other key under the prefix is bookkeeping.
 *
 * <p>On a standalone Redis (and behind Sentinel or with a read replica) the {@link #standalone}
 * layout is Python region_cache's, byte for byte: {@code <prefix><full.name>},
 * {@code <prefix><full.name>::child_caches} and {@code <prefix><full.name>::generation}, so that
 * Java and Python processes share regions.
 *
 * <p>On a Redis Cluster the {@link #cluster} layout puts every key of a top-level region (a child
 * of the root) and of all its descendants in one hash slot, by wrapping that region's name in
 * braces as the keys' hash tag: {@code <prefix>{root.users}}, {@code <prefix>{root.users}.profiles},
 * {@code <prefix>{root.users}.profiles::generation}. A purge anywhere below the root then stays one
 * atomic script on one master. The root's own keys are tagged with the root's name,
 * {@code <prefix>{root}}, and so sit in a slot of their own.
 *
 * <p>Every method that takes a region name refuses one that is not valid, naming the bad part.
 */
public final class RedisKeyLayout {

    /** What follows a region's hash key in the key of the set of its children's full names. */
    public static final String CHILDREN_SUFFIX = "::child_caches";
    /** What follows a region's hash key in the key of its generation token. */
    public static final String GENERATION_SUFFIX = "::generation";
    /**
     * Fields of a region's hash that start with this are the store's bookkeeping, not entries
     * (Python region_cache writes {@code __cache_region_created_at__}, for one): the library
     * refuses such keys, and tools listing entries skip them.
     */
    public static final String RESERVED_FIELD_PREFIX = "__";
    private static final String LEASE = "::lease:";

    private final String prefix;
    private final String rootName;
    private final boolean cluster;

    private RedisKeyLayout(String prefix, String rootName, boolean cluster) {
        this.prefix = Objects.requireNonNull(prefix, "key prefix");
        this.rootName = RegionName.requireValid(rootName);
        this.cluster = cluster;
    }

    /**
     * The layout on a standalone Redis, behind Sentinel or with a read replica.
     *
     * @param prefix   the cache's key prefix, "" for none
     * @param rootName the cache's root region
     * @throws IllegalArgumentException if {@code rootName} is not a valid region name, naming the bad part
     */
    public static RedisKeyLayout standalone(String prefix, String rootName) {
        return new RedisKeyLayout(prefix, rootName, false);
    }

    /**
     * The hash-tagged layout on a Redis Cluster.
     *
     * @param prefix   the cache's key prefix, "" for none
     * @param rootName the cache's root region
     * @throws IllegalArgumentException if {@code prefix} contains a brace, which would make Redis
     *                                  hash on a part of the prefix instead of the subtree's tag,
     *                                  or if {@code rootName} is not a valid region name
     */
    public static RedisKeyLayout cluster(String prefix, String rootName) {
        if (prefix != null && (prefix.contains("{") || prefix.contains("}"))) {
            throw new IllegalArgumentException("The key prefix '" + prefix + "' contains a brace, which Redis Cluster "
                    + "reads as a hash tag: choose a prefix without '{' and '}'");
        }
        return new RedisKeyLayout(prefix, rootName, true);
    }

    /** Whether this is the {@link #cluster} layout. */
    public boolean isCluster() {
        return cluster;
    }

    /** The cache's key prefix, which every key of this layout starts with; "" for none. */
    public String prefix() {
        return prefix;
    }

    /** The full name of the cache's root region. */
    public String rootName() {
        return rootName;
    }

    /**
     * The key of the hash of {@code region}'s entries.
     *
     * @throws NullPointerException     if {@code region} is null
     * @throws IllegalArgumentException if {@code region} is not a valid region name, naming the bad part
     */
    public String hashKey(String region) {
        RegionName.requireValid(region);
        if (!cluster) {
            return prefix + region;
        }
        String tag = tagOf(region);
        return prefix + "{" + tag + "}" + region.substring(tag.length());
    }

    /** The key of the set of {@code region}'s direct children's full names; refuses names as {@link #hashKey}. */
    public String childrenKey(String region) {
        return hashKey(region) + CHILDREN_SUFFIX;
    }

    /** The key of {@code region}'s generation token; refuses names as {@link #hashKey}. */
    public String generationKey(String region) {
        return hashKey(region) + GENERATION_SUFFIX;
    }

    /**
     * The hash tag of {@code region}'s keys on a cluster, without its braces: the top-level region
     * it is in, or the root's name for the root (a name outside the root keeps its own); "" on a
     * standalone Redis, where keys carry none. The library's purge script takes it to build the
     * keys of the subtree it walks. Refuses names as {@link #hashKey}.
     */
    public String hashTag(String region) {
        RegionName.requireValid(region);
        return cluster ? tagOf(region) : "";
    }

    private String tagOf(String region) {
        if (!region.startsWith(rootName + ".")) {
            return region;
        }
        int end = region.indexOf('.', rootName.length() + 1);
        return end < 0 ? region : region.substring(0, end);
    }

    /**
     * What the keys of all of {@code region}'s descendants, and of no other region, start with:
     * {@code <hash key>.}, except for the root on a cluster, whose top-level children carry their
     * own tags, {@code <prefix>{root.}. Refuses names as {@link #hashKey}.
     */
    public String descendantsKeyPrefix(String region) {
        return cluster && isRoot(region) ? prefix + "{" + region + "." : hashKey(region) + ".";
    }

    /**
     * The full name of the region whose hash is {@code redisKey}; empty for any other key: a child
     * set, a generation, a lease, the keys of another cache or of another root under the same prefix.
     *
     * @throws NullPointerException if {@code redisKey} is null
     */
    public Optional<String> regionOf(String redisKey) {
        Objects.requireNonNull(redisKey, "redisKey");
        if (!redisKey.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = redisKey.substring(prefix.length());
        int tagEnd = name.indexOf('}');
        if (cluster && name.startsWith("{") && tagEnd > 0) {
            name = name.substring(1, tagEnd) + name.substring(tagEnd + 1);
        }
        boolean inThisCache = isRoot(name) || name.startsWith(rootName + ".");
        // The round trip refuses what merely looks like a hash key: a bookkeeping key ("::"), an
        // untagged key on a cluster, a key tagged with the wrong subtree.
        return inThisCache && RegionName.problemWith(name).isEmpty() && hashKey(name).equals(redisKey)
                ? Optional.of(name) : Optional.empty();
    }

    /**
     * The full name of the region whose generation key is {@code redisKey}; empty for any other
     * key. A change of it is a purge of that region and its descendants (or a fenced remove).
     *
     * @throws NullPointerException if {@code redisKey} is null
     */
    public Optional<String> generationOf(String redisKey) {
        Objects.requireNonNull(redisKey, "redisKey");
        return redisKey.endsWith(GENERATION_SUFFIX)
                ? regionOf(redisKey.substring(0, redisKey.length() - GENERATION_SUFFIX.length())) : Optional.empty();
    }

    /**
     * Whether {@code field} of a region's hash is bookkeeping rather than an entry's key.
     *
     * @throws NullPointerException if {@code field} is null
     */
    public static boolean isReservedField(String field) {
        return Objects.requireNonNull(field, "field").startsWith(RESERVED_FIELD_PREFIX);
    }

    /** The key of the lease a {@code getOrCompute} holds on {@code key} while it loads. */
    String leaseKey(String region, String key) {
        return hashKey(region) + LEASE + key;
    }

    /** Whether {@code region} is the root, whose keys are in another slot than any subtree's on a cluster. */
    boolean isRoot(String region) {
        return rootName.equals(region);
    }
}

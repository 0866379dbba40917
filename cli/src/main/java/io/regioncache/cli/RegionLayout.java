package io.regioncache.cli;

import io.regioncache.RedisKeyLayout;
import io.regioncache.RegionCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A cache's regions in Redis as the CLI addresses them: names follow the library's rules (a REGION
 * argument without the root is taken under it, as {@code RegionCache.region} does), and keys are
 * the library's own {@link RedisKeyLayout}, standalone or hash-tagged for a Redis Cluster. Whether
 * the session is on a cluster is known only once it has connected, so it is asked on the first
 * key built, after the names were checked without I/O, and the layout is kept from then on.
 */
final class RegionLayout {

    private final String root;
    private final String prefix;
    private final BooleanSupplier cluster;
    /** Null until the first key is built. */
    private volatile RedisKeyLayout keys;

    /**
     * @param cluster whether the keys carry the cluster's hash tags; asked when a key is first built
     * @throws IllegalArgumentException if {@code root} is not a valid region name, naming the bad part
     */
    RegionLayout(String root, String prefix, BooleanSupplier cluster) {
        this.root = requireValid(root);
        this.prefix = prefix;
        this.cluster = cluster;
    }

    /**
     * The full name of a REGION argument.
     *
     * @throws IllegalArgumentException if it is not a valid region name, naming the bad part
     */
    String resolve(String dottedName) {
        requireValid(dottedName);
        return dottedName.equals(root) || dottedName.startsWith(root + ".") ? dottedName : root + "." + dottedName;
    }

    String root() {
        return root;
    }

    String prefix() {
        return prefix;
    }

    /**
     * @throws IllegalArgumentException on a cluster, if the prefix contains a brace (the library
     *                                  refuses such a prefix there: Redis would hash on a part of it)
     */
    String hashKey(String region) {
        return keys().hashKey(region);
    }

    /** @throws IllegalArgumentException as {@link #hashKey} */
    boolean cluster() {
        return keys().isCluster();
    }

    /** The hash tag the library's purge script takes for {@code region}: "" on a standalone Redis. */
    String tag(String region) {
        return keys().hashTag(region);
    }

    /** The region whose hash {@code key} is, or empty for bookkeeping and foreign keys. */
    Optional<String> regionOf(String key) {
        return keys().regionOf(key);
    }

    /** The region whose generation key {@code key} is, or empty for any other key. */
    Optional<String> generationOf(String key) {
        return keys().generationOf(key);
    }

    /** What the keys of {@code region}'s descendants start with. */
    String descendantsKeyPrefix(String region) {
        return keys().descendantsKeyPrefix(region);
    }

    String childSetKey(String region) {
        return keys().childrenKey(region);
    }

    String generationKey(String region) {
        return keys().generationKey(region);
    }

    /** The region's parent, or empty for the root. */
    Optional<String> parentOf(String region) {
        return region.equals(root) ? Optional.empty() : Optional.of(region.substring(0, region.lastIndexOf('.')));
    }

    /** The root, each ancestor, then the region itself. */
    List<String> lineage(String region) {
        List<String> lineage = new ArrayList<>();
        for (Optional<String> name = Optional.of(region); name.isPresent(); name = parentOf(name.get())) {
            lineage.add(0, name.get());
        }
        return lineage;
    }

    private RedisKeyLayout keys() {
        RedisKeyLayout built = keys;
        if (built == null) {
            // The watch thread and the main thread may both build it: the layouts are equal, either may stay.
            built = cluster.getAsBoolean() ? RedisKeyLayout.cluster(prefix, root) : RedisKeyLayout.standalone(prefix, root);
            keys = built;
        }
        return built;
    }

    /**
     * The library's own check, through its public API: {@code Builder.rootName} validates a name
     * and does no I/O, so the CLI cannot drift from the rules the library applies.
     */
    private static String requireValid(String name) {
        RegionCache.builder().rootName(name);
        return name;
    }
}

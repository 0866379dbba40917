package io.regioncache.cli;

import io.regioncache.RegionCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Where a cache keeps its regions in Redis: the hash {@code <prefix><full.name>}, the set of its
 * children's full names {@code <prefix><full.name>::child_caches}, and the generation token
 * {@code <prefix><full.name>::generation} that each purge renews. Names follow the library's
 * rules: a REGION argument without the root is taken under it, as {@code RegionCache.region} does.
 *
 * <p>On a Redis Cluster the library tags every key of a top-level region and its descendants with
 * that region's name, {@code <prefix>{root.users}.profiles}, and the root's keys with the root's,
 * {@code <prefix>{root}}, so that a subtree sits in one hash slot; the names above are then the keys
 * without the braces. Whether the session is on a cluster is known only once it has connected,
 * so it is asked on the first key built, after the names were checked without I/O.
 */
final class RegionLayout {

    static final String CHILDREN_SUFFIX = "::child_caches";
    static final String GENERATION_SUFFIX = "::generation";
    /** Hash fields with this prefix are the store's bookkeeping, not entries. */
    static final String RESERVED_FIELD_PREFIX = "__";

    private final String root;
    private final String prefix;
    private final BooleanSupplier cluster;

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
        if (!cluster()) {
            return prefix + region;
        }
        String tag = tag(region);
        return prefix + "{" + tag + "}" + region.substring(tag.length());
    }

    boolean cluster() {
        boolean tagged = cluster.getAsBoolean();
        if (tagged && (prefix.contains("{") || prefix.contains("}"))) {
            throw new IllegalArgumentException("The key prefix '" + prefix + "' contains a brace, which a cache on a "
                    + "Redis Cluster refuses (Redis would read it as a hash tag)");
        }
        return tagged;
    }

    /**
     * The hash tag of {@code region}'s keys on a cluster: the top-level region it is in, or the root's
     * name for the root, as the library tags them; "" on a standalone Redis, as its purge script expects.
     */
    String tag(String region) {
        if (!cluster()) {
            return "";
        }
        if (!region.startsWith(root + ".")) {
            return region;
        }
        int end = region.indexOf('.', root.length() + 1);
        return end < 0 ? region : region.substring(0, end);
    }

    /** A key's name part (what follows the prefix) without the cluster's hash tag braces. */
    String untagged(String keyName) {
        int close = keyName.indexOf('}');
        return cluster() && keyName.startsWith("{") && close > 0 ? keyName.substring(1, close) + keyName.substring(close + 1) : keyName;
    }

    String childSetKey(String region) {
        return hashKey(region) + CHILDREN_SUFFIX;
    }

    String generationKey(String region) {
        return hashKey(region) + GENERATION_SUFFIX;
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

    static boolean isReservedField(String field) {
        return field.startsWith(RESERVED_FIELD_PREFIX);
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

package io.regioncache;

/**
 * Where a region's keys live in Redis. On a standalone Redis (and behind Sentinel or a static
 * replica) a region's hash is {@code <prefix><name>}, byte for byte as Python region_cache lays
 * it out. On a Redis Cluster every key of a top-level region (a child of the root) and of all its
 * descendants carries that region's name as its hash tag, {@code <prefix>{root.users}.profiles},
 * so that a whole subtree sits in one hash slot and a purge anywhere below the root stays one
 * script; the root's own keys are tagged with the root's name, {@code <prefix>{root}}.
 */
final class KeyLayout {

    static final String CHILDREN = "::child_caches";
    /** The suffix of a region's generation key, which every purge of the region replaces first. */
    static final String GENERATION = "::generation";
    static final String LEASE = "::lease:";

    private final String prefix;
    private final String rootName;
    private final boolean cluster;

    private KeyLayout(String prefix, String rootName, boolean cluster) {
        this.prefix = prefix;
        this.rootName = rootName;
        this.cluster = cluster;
    }

    /** Python region_cache's layout. */
    static KeyLayout standalone(String prefix, String rootName) {
        return new KeyLayout(prefix, rootName, false);
    }

    /**
     * The hash-tagged layout.
     *
     * @throws IllegalArgumentException if {@code prefix} contains a brace, which would make Redis
     *                                  hash on a part of the prefix instead of the subtree's tag
     */
    static KeyLayout cluster(String prefix, String rootName) {
        if (prefix.contains("{") || prefix.contains("}")) {
            throw new IllegalArgumentException("The key prefix '" + prefix + "' contains a brace, which Redis Cluster "
                    + "reads as a hash tag: choose a prefix without '{' and '}'");
        }
        return new KeyLayout(prefix, rootName, true);
    }

    boolean cluster() {
        return cluster;
    }

    String prefix() {
        return prefix;
    }

    String hash(String region) {
        if (!cluster) {
            return prefix + region;
        }
        String tag = tag(region);
        return prefix + "{" + tag + "}" + region.substring(tag.length());
    }

    String children(String region) {
        return hash(region) + CHILDREN;
    }

    String generation(String region) {
        return hash(region) + GENERATION;
    }

    String lease(String region, String key) {
        return hash(region) + LEASE + key;
    }

    /**
     * The hash tag of {@code region}'s keys on a cluster: the top-level region it is in, or the
     * root's name for the root (and for a region outside the root, which keeps its own name);
     * "" on a standalone Redis, where the purge script builds keys without one.
     */
    String tag(String region) {
        if (!cluster) {
            return "";
        }
        if (!region.startsWith(rootName + ".")) {
            return region;
        }
        int end = region.indexOf('.', rootName.length() + 1);
        return end < 0 ? region : region.substring(0, end);
    }

    /** Whether {@code region} is the root, whose keys are in another slot than any subtree's on a cluster. */
    boolean isRoot(String region) {
        return region.equals(rootName);
    }
}

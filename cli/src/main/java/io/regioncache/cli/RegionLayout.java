package io.regioncache.cli;

import io.regioncache.RegionCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a cache keeps its regions in Redis: the hash {@code <prefix><full.name>}, the set of its
 * children's full names {@code <prefix><full.name>::child_caches}, and the generation token
 * {@code <prefix><full.name>::generation} that each purge renews. Names follow the library's
 * rules: a REGION argument without the root is taken under it, as {@code RegionCache.region} does.
 */
final class RegionLayout {

    static final String CHILDREN_SUFFIX = "::child_caches";
    static final String GENERATION_SUFFIX = "::generation";
    /** Hash fields with this prefix are the store's bookkeeping, not entries. */
    static final String RESERVED_FIELD_PREFIX = "__";

    private final String root;
    private final String prefix;

    /** @throws IllegalArgumentException if {@code root} is not a valid region name, naming the bad part */
    RegionLayout(String root, String prefix) {
        this.root = requireValid(root);
        this.prefix = prefix;
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

    String hashKey(String region) {
        return prefix + region;
    }

    String childSetKey(String region) {
        return prefix + region + CHILDREN_SUFFIX;
    }

    String generationKey(String region) {
        return prefix + region + GENERATION_SUFFIX;
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

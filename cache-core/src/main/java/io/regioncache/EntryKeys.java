package io.regioncache;

import java.util.Objects;

/** The rules for the keys of a region's entries. */
final class EntryKeys {

    /** Python region_cache writes bookkeeping fields such as {@code __cache_region_created_at__}. */
    static final String RESERVED_PREFIX = "__";

    private EntryKeys() {
    }

    static String requireValid(String key) {
        Objects.requireNonNull(key, "key");
        if (isReserved(key)) {
            throw new IllegalArgumentException("Key '" + RegionName.printable(key) + "' is reserved: keys starting with '"
                    + RESERVED_PREFIX + "' hold the store's bookkeeping");
        }
        int surrogate = RegionName.unpairedSurrogate(key);
        if (surrogate >= 0) {
            throw new IllegalArgumentException("Key '" + RegionName.printable(key) + "' contains an unpaired surrogate at "
                    + "index " + surrogate + ", which UTF-8 (and so Redis) cannot hold");
        }
        return key;
    }

    static boolean isReserved(String field) {
        return field.startsWith(RESERVED_PREFIX);
    }
}

package io.regioncache;

import java.util.Objects;

/** The rules for the keys of a region's entries. */
final class EntryKeys {

    private EntryKeys() {
    }

    static String requireValid(String key) {
        Objects.requireNonNull(key, "key");
        if (RedisKeyLayout.isReservedField(key)) {
            throw new IllegalArgumentException("Key '" + RegionName.printable(key) + "' is reserved: keys starting with '"
                    + RedisKeyLayout.RESERVED_FIELD_PREFIX + "' hold the store's bookkeeping");
        }
        int surrogate = RegionName.unpairedSurrogate(key);
        if (surrogate >= 0) {
            throw new IllegalArgumentException("Key '" + RegionName.printable(key) + "' contains an unpaired surrogate at "
                    + "index " + surrogate + ", which UTF-8 (and so Redis) cannot hold");
        }
        return key;
    }
}

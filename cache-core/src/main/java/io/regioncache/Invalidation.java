package io.regioncache;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * What a signal event invalidates in the region bound with {@link Region#invalidateOn(
 * io.regioncache.signals.Signal, java.util.function.Function)}. The permitted implementations are
 * public records, so callers can match on them.
 */
public sealed interface Invalidation {

    /** The bound region and all its descendants. */
    static Invalidation region() {
        return WholeRegion.INSTANCE;
    }

    /**
     * One child of the bound region (and its descendants).
     *
     * @param childName a region name relative to the bound region, such as {@code "users"} or
     *                  {@code "users.42"}
     * @throws NullPointerException     if {@code childName} is null
     * @throws IllegalArgumentException if {@code childName} is not a valid region name
     */
    static Invalidation subregion(String childName) {
        return new Subregion(childName);
    }

    /**
     * Just these keys of the bound region. An empty collection invalidates nothing.
     *
     * @throws NullPointerException     if {@code keys} or one of them is null
     * @throws IllegalArgumentException if a key is reserved (starts with {@code __})
     */
    static Invalidation keys(Collection<String> keys) {
        return new Keys(Set.copyOf(Objects.requireNonNull(keys, "keys")));
    }

    /** Ignore this event. */
    static Invalidation none() {
        return None.INSTANCE;
    }

    /** The bound region and all its descendants. */
    record WholeRegion() implements Invalidation {
        private static final WholeRegion INSTANCE = new WholeRegion();
    }

    /**
     * One child of the bound region and its descendants.
     *
     * @param childName the child's name relative to the bound region
     */
    record Subregion(String childName) implements Invalidation {
        /**
         * @throws NullPointerException     if {@code childName} is null
         * @throws IllegalArgumentException if {@code childName} is not a valid region name
         */
        public Subregion {
            RegionName.requireValid(childName);
        }
    }

    /**
     * Some keys of the bound region.
     *
     * @param keys the keys to remove
     */
    record Keys(Set<String> keys) implements Invalidation {
        /**
         * @throws NullPointerException     if {@code keys} or one of them is null
         * @throws IllegalArgumentException if a key is reserved (starts with {@code __})
         */
        public Keys {
            keys = Set.copyOf(Objects.requireNonNull(keys, "keys"));
            keys.forEach(EntryKeys::requireValid);
        }
    }

    /** Nothing. */
    record None() implements Invalidation {
        private static final None INSTANCE = new None();
    }
}

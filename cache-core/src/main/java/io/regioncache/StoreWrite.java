package io.regioncache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One atomic change to a region's hash.
 *
 * @param puts                fields to set (encoded values), in order
 * @param removes             fields to delete
 * @param timeout             the region's timeout, null for none
 * @param resetTimeout        restart the timeout even if the hash already has one
 * @param expectedGenerations when not null, the lineage's generations read before a load: the
 *                            write is refused if any differs
 * @param fence               also set the region's generation to a fresh token, in the same step,
 *                            so that loads in flight cannot store what this write removed
 */
record StoreWrite(Map<String, byte[]> puts, Set<String> removes, Duration timeout, boolean resetTimeout,
                  List<String> expectedGenerations, boolean fence) {

    StoreWrite {
        puts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(puts));
        removes = Set.copyOf(removes);
    }

    /** The same write, which also fences loads in flight. */
    StoreWrite fenced() {
        return new StoreWrite(puts, removes, timeout, resetTimeout, expectedGenerations, true);
    }

    boolean guarded() {
        return expectedGenerations != null;
    }

    long timeoutMillis() {
        return timeout == null ? 0 : timeout.toMillis();
    }
}

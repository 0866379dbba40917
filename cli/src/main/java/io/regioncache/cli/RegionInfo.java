package io.regioncache.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What Redis holds for one region at the moment the walk read it.
 *
 * @param name        the full name
 * @param entries     its entries, bookkeeping fields left out
 * @param ttl         its hash's remaining time to live; empty when it has none or no hash
 * @param children    the full names in its child set, sorted
 * @param memoryBytes MEMORY USAGE of its hash, child set and generation key together (0 when not asked for)
 */
record RegionInfo(String name, long entries, Optional<Duration> ttl, List<String> children, long memoryBytes) {

    /** The TTL as {@code 59.5s}, {@code 1h2m3s}, or {@code none}. */
    String ttlText() {
        return ttl.map(RegionInfo::format).orElse("none");
    }

    /** The TTL in milliseconds, or null when there is none (for JSON). */
    Long ttlMillis() {
        return ttl.map(Duration::toMillis).orElse(null);
    }

    static String format(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}

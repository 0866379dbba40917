package io.regioncache.cli;

import io.regioncache.RedisKeyLayout;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Redis keyspace notifications about a cache's keys as region events: {@code write} (HSET on
 * a region's hash), {@code remove} (HDEL), {@code purge} (a new generation token: a purge of that
 * region and everything below it), {@code deleted} (the hash deleted, as a purge does to every
 * region it reaches), {@code expired} and {@code evicted}.
 *
 * <p>A remove also renews the region's generation right after its HDEL, in the same script, and
 * Redis publishes a script's notifications in order with nothing in between; so a generation
 * change that directly follows an HDEL of that region is the remove's, not a purge. (A remove of a
 * key that was not there publishes no HDEL, so it shows as a purge of its region.)
 *
 * <p>Not thread-safe: call it from the one thread that receives the notifications, in their order.
 */
final class KeyspaceEvents {

    /** The keyspace events {@code watch} needs: K (keyspace channels), g (del), h (hash), $ (string), x (expired), e (evicted). */
    static final String NEEDED_FLAGS = "Kgh$xe";
    /** What the flag A stands for in notify-keyspace-events. */
    private static final String ALL_FLAGS_ALIAS = "g$lshzxetd";

    /** One event, stamped when the CLI received it. */
    record RegionEvent(Instant time, String event, String region) {
    }

    private final RegionLayout layout;
    private final String watched;
    private String lastRemoved;

    KeyspaceEvents(RegionLayout layout, String watched) {
        this.layout = layout;
        this.watched = watched;
    }

    /** PSUBSCRIBE patterns for the watched region's keys, those below it, and its ancestors' generations. */
    List<String> patterns() {
        String region = glob(layout.hashKey(watched));
        List<String> patterns = new ArrayList<>(List.of(region, glob(layout.descendantsKeyPrefix(watched)) + "*", region + "::*"));
        layout.lineage(watched).stream().filter(name -> !name.equals(watched))
                .forEach(ancestor -> patterns.add(glob(layout.generationKey(ancestor))));
        return patterns;
    }

    /** The flags of {@link #NEEDED_FLAGS} that {@code configured} (notify-keyspace-events) lacks. */
    static String missingFlags(String configured) {
        StringBuilder missing = new StringBuilder();
        for (char flag : NEEDED_FLAGS.toCharArray()) {
            boolean aliased = configured.indexOf('A') >= 0 && ALL_FLAGS_ALIAS.indexOf(flag) >= 0;
            if (configured.indexOf(flag) < 0 && !aliased) {
                missing.append(flag);
            }
        }
        return missing.toString();
    }

    /** The region event a notification stands for, or empty when it is bookkeeping or outside the watch. */
    Optional<RegionEvent> interpret(String key, String event) {
        String removedBefore = lastRemoved;
        lastRemoved = null;
        if (key.endsWith(RedisKeyLayout.GENERATION_SUFFIX)) {
            return layout.generationOf(key)
                    .filter(region -> event.equals("set") && !region.equals(removedBefore))
                    .filter(region -> isWatched(region) || watched.startsWith(region + "."))
                    .flatMap(region -> event("purge", region));
        }
        // Child sets and load leases are bookkeeping: a lease given back or expired is no region event.
        Optional<String> region = layout.regionOf(key).filter(this::isWatched);
        if (region.isEmpty()) {
            return Optional.empty();
        }
        String name = region.get();
        switch (event) {
            case "hset":
            case "hsetnx":
            case "hincrby":
            case "hincrbyfloat":
                return event("write", name);
            case "hdel":
                lastRemoved = name;
                return event("remove", name);
            case "del":
                // HDEL of a hash's last field deletes the hash too: still the remove.
                if (name.equals(removedBefore)) {
                    lastRemoved = name;
                    return Optional.empty();
                }
                return event("deleted", name);
            case "expired":
            case "evicted":
                return event(event, name);
            default:
                return Optional.empty();
        }
    }

    private boolean isWatched(String region) {
        return region.equals(watched) || region.startsWith(watched + ".");
    }

    private static Optional<RegionEvent> event(String event, String region) {
        return Optional.of(new RegionEvent(Instant.now().truncatedTo(ChronoUnit.MILLIS), event, region));
    }

    /** {@code literal} as a PSUBSCRIBE pattern that matches only itself. */
    private static String glob(String literal) {
        return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}

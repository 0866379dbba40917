package io.regioncache.cli;

import io.regioncache.RegionCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The library's own Lua scripts, read from cache-core's resources on the class path rather than
 * copied: {@code purge} runs exactly the invalidation the library runs, and entry counts leave out
 * the same bookkeeping fields {@code Region.size()} does.
 */
final class LayoutScripts {

    /** Purges a region and its descendants in one step; returns how many regions it purged. */
    static final String INVALIDATE = read("invalidate.lua");
    /**
     * On a cluster, the root's purge first: fences the root, deletes its own hash and returns the
     * top-level regions, whose subtrees are then purged by {@link #INVALIDATE} each.
     */
    static final String PURGE_ROOT = read("purge-root.lua");
    /** Counts a region's entries, leaving out reserved fields. */
    static final String SIZE = read("size.lua");

    private LayoutScripts() {
    }

    private static String read(String name) {
        try (InputStream in = RegionCache.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("cache-core's script " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read cache-core's script " + name, e);
        }
    }
}

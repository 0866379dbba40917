package io.regioncache.cli;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the region tree depth first from the child sets, handing each region to a visitor as soon
 * as it is read, so that output streams and memory stays bounded by the depth times the fan-out.
 * The children of a region are read together, in pipelined batches: a level of 10,000 regions costs
 * ten round trips, not 30,000. A child set that names a region already met (a loop in corrupt data)
 * is not followed twice.
 */
final class RegionWalker {

    /** Regions per pipelined batch: bounds what one batch holds in memory. */
    private static final int BATCH = 1000;

    /** Gets each region in depth-first order. */
    interface Visitor {

        /** {@code expanded}: whether its children follow (false below {@code --depth}). */
        void enter(RegionInfo region, int depth, boolean expanded);

        /** After the region's children, if any were visited. */
        default void exit(RegionInfo region, int depth, boolean expanded) {
        }
    }

    private final RedisSession session;
    private final RegionLayout layout;
    private final boolean withMemory;
    private final Progress progress;
    private final Set<String> seen = new HashSet<>();
    private String sizeScript;

    RegionWalker(RedisSession session, RegionLayout layout, boolean withMemory, Progress progress) {
        this.session = session;
        this.layout = layout;
        this.withMemory = withMemory;
        this.progress = progress;
    }

    /** @param maxDepth levels below {@code start} to visit; negative for all */
    void walk(String start, int maxDepth, Visitor visitor) {
        sizeScript = session.commands().scriptLoad(LayoutScripts.SIZE);
        seen.add(start);
        visit(describe(List.of(start)).get(0), 0, maxDepth, visitor);
        progress.finished();
    }

    private void visit(RegionInfo region, int depth, int maxDepth, Visitor visitor) {
        progress.regionDone();
        boolean expanded = maxDepth < 0 || depth < maxDepth;
        visitor.enter(region, depth, expanded);
        if (expanded) {
            List<String> unseen = new ArrayList<>();
            for (String child : region.children()) {
                if (seen.add(child)) {
                    unseen.add(child);
                }
            }
            for (int from = 0; from < unseen.size(); from += BATCH) {
                for (RegionInfo child : describe(unseen.subList(from, Math.min(from + BATCH, unseen.size())))) {
                    visit(child, depth + 1, maxDepth, visitor);
                }
            }
        }
        visitor.exit(region, depth, expanded);
    }

    /** Reads the regions in one pipelined batch. */
    private List<RegionInfo> describe(List<String> names) {
        List<Reads> reads = new ArrayList<>(names.size());
        session.pipeline(redis -> {
            for (String name : names) {
                reads.add(new Reads(name,
                        redis.smembers(layout.childSetKey(name)),
                        redis.evalsha(sizeScript, ScriptOutputType.INTEGER, layout.hashKey(name)),
                        redis.pttl(layout.hashKey(name)),
                        withMemory ? List.of(redis.memoryUsage(layout.hashKey(name)), redis.memoryUsage(layout.childSetKey(name)),
                                redis.memoryUsage(layout.generationKey(name))) : List.of()));
            }
        });
        List<RegionInfo> regions = new ArrayList<>(names.size());
        for (Reads read : reads) {
            regions.add(read.result());
        }
        return regions;
    }

    /** The replies a batch is waiting for, for one region. */
    private record Reads(String name, RedisFuture<Set<byte[]>> children, RedisFuture<Long> size, RedisFuture<Long> pttl,
                         List<RedisFuture<Long>> memory) {

        RegionInfo result() {
            List<String> childNames = new ArrayList<>();
            for (byte[] child : RedisSession.await(children)) {
                childNames.add(new String(child, StandardCharsets.UTF_8));
            }
            childNames.sort(null);
            long millis = RedisSession.await(pttl);
            long bytes = 0;
            for (RedisFuture<Long> usage : memory) {
                Long keyBytes = RedisSession.await(usage);
                bytes += keyBytes == null ? 0 : keyBytes;
            }
            return new RegionInfo(name, RedisSession.await(size), millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis)),
                    List.copyOf(childNames), bytes);
        }
    }
}

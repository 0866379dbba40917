package io.regioncache.cli;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code purge REGION}: {@code Region.invalidate()} from the command line. It runs the library's
 * own invalidation script with the arguments the library gives it, so it is one atomic step that
 * also renews the region's generation token (loads in flight in any process cannot store stale
 * values afterwards) and unlinks the region from its parent. On a Redis Cluster a subtree below
 * the root is in one hash slot, so its purge is still that one script, on the master that owns
 * the slot; the root's purge is the library's {@code clear()} there: the root is fenced first,
 * then each top-level subtree is purged atomically by its own script, all sent at once.
 */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Purges REGION and every region below it, in one atomic step (on a Redis Cluster, the root "
                + "subtree by subtree, each atomic), and prints how many regions it removed.")
final class PurgeCommand extends CliCommand {

    /**
     * How long the fresh generation token lives, as the library sets it: a load that runs longer
     * than this between reading generations and storing its value is not fenced.
     */
    private static final long GENERATION_TTL_MILLIS = TimeUnit.DAYS.toMillis(7);

    @Parameters(paramLabel = "REGION", description = REGION_HELP)
    private String region;

    @Override
    public Integer call() {
        RegionLayout layout = layout();
        String name = layout.resolve(region);
        long purged = layout.cluster() && name.equals(layout.root()) ? purgeRootOfCluster(layout) : purgeSubtree(layout, name);
        if (json()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("region", name);
            document.put("regionsPurged", purged);
            Json.print(out(), document);
        } else {
            out().println("Purged " + name + ": " + purged + (purged == 1 ? " region" : " regions"));
        }
        return 0;
    }

    private long purgeSubtree(RegionLayout layout, String name) {
        return RedisSession.await(purgeSubtreeAsync(layout, name));
    }

    /**
     * KEYS: the region's generation key, then its parent's child set: none for the root, nor on a
     * cluster for a top-level region, whose parent set is the root's, in another slot (the library
     * leaves the name there too). ARGV: the prefix, the name, a fresh token (random: never one a
     * load read before), its TTL, and the subtree's hash tag ("" on a standalone Redis).
     */
    private RedisFuture<Long> purgeSubtreeAsync(RegionLayout layout, String name) {
        List<String> keys = new ArrayList<>(List.of(layout.generationKey(name)));
        layout.parentOf(name)
                .filter(parent -> !layout.cluster() || !parent.equals(layout.root()))
                .ifPresent(parent -> keys.add(layout.childSetKey(parent)));
        List<RedisFuture<Long>> purge = new ArrayList<>(1);
        session().pipeline(redis -> purge.add(redis.eval(LayoutScripts.INVALIDATE, ScriptOutputType.INTEGER,
                keys.toArray(String[]::new), utf8(layout.prefix()), utf8(name), freshToken(), utf8(Long.toString(GENERATION_TTL_MILLIS)),
                utf8(layout.tag(name)))));
        return purge.get(0);
    }

    /** The root, then every top-level subtree it names, their scripts sent together so the masters work in parallel. */
    private long purgeRootOfCluster(RegionLayout layout) {
        String root = layout.root();
        List<Object> topLevel = session().commands().eval(LayoutScripts.PURGE_ROOT, ScriptOutputType.MULTI,
                new String[] {layout.generationKey(root), layout.hashKey(root), layout.childSetKey(root)},
                freshToken(), utf8(Long.toString(GENERATION_TTL_MILLIS)));
        List<RedisFuture<Long>> subtrees = new ArrayList<>();
        for (Object name : topLevel) {
            subtrees.add(purgeSubtreeAsync(layout, new String((byte[]) name, StandardCharsets.UTF_8)));
        }
        long purged = 1;
        for (RedisFuture<Long> subtree : subtrees) {
            purged += RedisSession.await(subtree);
        }
        return purged;
    }

    private static byte[] freshToken() {
        return utf8(UUID.randomUUID().toString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

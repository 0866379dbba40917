package io.regioncache.cli;

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
 * values afterwards) and unlinks the region from its parent.
 */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Purges REGION and every region below it, in one atomic step, and prints how many regions it removed.")
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
        // KEYS: the region's generation key, then its parent's child set (none for the root).
        // ARGV: the prefix, the name, a fresh token (random: never one a load read before), its TTL.
        List<String> keys = new ArrayList<>(List.of(layout.generationKey(name)));
        layout.parentOf(name).ifPresent(parent -> keys.add(layout.childSetKey(parent)));
        Long purged = session().commands().eval(LayoutScripts.INVALIDATE, ScriptOutputType.INTEGER, keys.toArray(String[]::new),
                utf8(layout.prefix()), utf8(name), utf8(UUID.randomUUID().toString()), utf8(Long.toString(GENERATION_TTL_MILLIS)));
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

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.regioncache.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.regioncache.RedisKeyLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code keys REGION}: the region's keys, streamed with HSCAN (in Redis's order, not sorted) so that
 * a large region never arrives in one reply. As with any HSCAN, a key may be listed twice if the
 * region's hash is resized while it is listed.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Prints the keys of REGION (not of its sub-regions), one per line, as Redis returns them.")
final class KeysCommand extends CliCommand {

    /** Fields per HSCAN call: large regions stream instead of arriving in one reply. */
    private static final int SCAN_COUNT = 1000;

    @Parameters(paramLabel = "REGION", description = REGION_HELP)
    private String region;

    @Override
    public Integer call() throws IOException {
        RegionLayout layout = layout();
        String name = layout.resolve(region);
        PrintWriter out = out();
        if (json()) {
            // {"region": "...", "keys": [...]}
            try (JsonGenerator json = Json.generator(out)) {
                json.writeStartObject();
                json.writeStringField("region", name);
                json.writeArrayFieldStart("keys");
                scan(layout.hashKey(name), key -> write(json, key));
                json.writeEndArray();
                json.writeEndObject();
            }
            out.println();
        } else {
            scan(layout.hashKey(name), out::println);
        }
        out.flush();
        return 0;
    }

    private void scan(String hash, java.util.function.Consumer<String> each) {
        ScanArgs args = ScanArgs.Builder.limit(SCAN_COUNT);
        MapScanCursor<String, byte[]> cursor = session().commands().hscan(hash, args);
        while (true) {
            cursor.getMap().keySet().stream().filter(key -> !RedisKeyLayout.isReservedField(key)).forEach(each);
            if (cursor.isFinished()) {
                return;
            }
            cursor = session().commands().hscan(hash, ScanCursor.of(cursor.getCursor()), args);
        }
    }

    private static void write(JsonGenerator json, String key) {
        try {
            json.writeString(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

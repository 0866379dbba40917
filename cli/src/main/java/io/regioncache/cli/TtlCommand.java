package io.regioncache.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ttl REGION}: what Redis reports for the region's hash now, as {@code Region.timeToLive()} does. */
@Command(name = "ttl", mixinStandardHelpOptions = true,
        description = "Prints REGION's remaining time to live: a duration such as 59.5s, 'none' when it does not "
                + "expire, 'absent' when it holds no entries.")
final class TtlCommand extends CliCommand {

    @Parameters(paramLabel = "REGION", description = REGION_HELP)
    private String region;

    @Override
    public Integer call() {
        String name = layout().resolve(region);
        long millis = session().commands().pttl(layout().hashKey(name));
        // PTTL: -2 when the key does not exist, -1 when it has no expiry.
        if (json()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("region", name);
            document.put("exists", millis != -2);
            document.put("ttlMillis", millis >= 0 ? millis : null);
            Json.print(out(), document);
        } else {
            out().println(millis == -2 ? "absent" : millis == -1 ? "none" : RegionInfo.format(Duration.ofMillis(millis)));
        }
        return 0;
    }
}

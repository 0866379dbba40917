package io.regioncache.spring;

import io.regioncache.testsupport.RedisServerProcess;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How often a private Redis has run given commands, from its own INFO commandstats. */
final class CommandCounts {

    private static final Pattern COMMAND = Pattern.compile("cmdstat_(\\w+):calls=(\\d+)");

    private CommandCounts() {
    }

    /** The server's calls of all {@code commands} together since it started. */
    static long calls(RedisServerProcess server, String... commands) {
        String info = server.withCommands(redis -> redis.info("commandstats"));
        Set<String> wanted = Set.of(commands);
        long calls = 0;
        Matcher matcher = COMMAND.matcher(info);
        while (matcher.find()) {
            if (wanted.contains(matcher.group(1))) {
                calls += Long.parseLong(matcher.group(2));
            }
        }
        return calls;
    }
}

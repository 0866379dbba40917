package io.regioncache.benchmarks;

import io.lettuce.core.RedisURI;
import io.regioncache.testsupport.TestRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** What the report says about where it ran: cores, CPU, Java, Redis, and how busy the machine was. */
final class Machine {

    private Machine() {
    }

    /** Cores, CPU model, Java and Redis versions, and the load average now. */
    static String describe() {
        String redisUrl = BenchmarkRedis.url();
        String redisVersion = TestRedis.withCommands(redisUrl, redis -> redis.info("server").lines()
                .filter(line -> line.startsWith("redis_version:"))
                .map(line -> line.substring("redis_version:".length()).trim())
                .findFirst().orElse("unknown"));
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), Java "
                + System.getProperty("java.version") + ", Redis " + redisVersion + " at " + RedisURI.create(redisUrl)
                + "\nLoad average before the run: " + loadAverage() + "\n";
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine skews ratios. */
    static String loadAverage() {
        List<String> fields = Arrays.asList(firstLine("/proc/loadavg").split(" "));
        return fields.size() < 3 ? "unknown" : String.join(" ", fields.subList(0, 3));
    }

    private static String cpuModel() {
        return lines("/proc/cpuinfo").stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst().orElse("unknown CPU");
    }

    private static String firstLine(String file) {
        return lines(file).stream().findFirst().orElse("");
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}

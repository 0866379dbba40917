package io.regioncache;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.regioncache.testsupport.RedisServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Records, through {@code redis-cli monitor}, the commands clients send to a private server: what
 * a client pays in round trips. Commands that scripts run inside the server are left out.
 */
final class CommandMonitor implements AutoCloseable {

    private final Path output;
    private final Process monitor;
    private final RedisClient markerClient;
    private final StatefulRedisConnection<String, String> markers;

    CommandMonitor(RedisServerProcess server) {
        try {
            output = Files.createTempFile("redis-monitor", ".log");
            monitor = new ProcessBuilder("redis-cli", "-p", Integer.toString(server.port()), "monitor")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run redis-cli monitor (install redis-tools)", e);
        }
        markerClient = RedisClient.create(server.url());
        markers = markerClient.connect();
        // redis-cli may not be monitoring yet: send the marker until it shows.
        String ready = "monitor-ready-" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            markers.sync().echo(ready);
            return indexOfMarker(readLines(), ready) >= 0;
        });
    }

    /** The commands (lower-case name and arguments, as MONITOR prints them) that {@code action} sent. */
    List<String> commandsSentBy(Runnable action) {
        String start = mark("start-" + UUID.randomUUID());
        action.run();
        String end = mark("end-" + UUID.randomUUID());
        List<String> lines = readLines();
        int from = indexOfMarker(lines, start) + 1;
        return lines.subList(from, indexOfMarker(lines, end)).stream()
                .filter(line -> !line.contains("[0 lua]") && !line.toLowerCase(java.util.Locale.ROOT).contains("\"echo\""))
                .map(line -> line.substring(line.indexOf("] ") + 2))
                .collect(Collectors.toList());
    }

    private String mark(String marker) {
        markers.sync().echo(marker);
        await().atMost(Duration.ofSeconds(10)).until(() -> indexOfMarker(readLines(), marker) >= 0);
        return marker;
    }

    private static int indexOfMarker(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"" + marker + "\"")) {
                return i;
            }
        }
        return -1;
    }

    private List<String> readLines() {
        try {
            return Files.readAllLines(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        markers.close();
        markerClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        monitor.destroy();
        try {
            monitor.waitFor();
            Files.deleteIfExists(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.regioncache.testsupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A private {@code redis-server} on a free loopback port, for tests that stop and restart Redis.
 * It keeps its port across {@link #stop()} and {@link #start()}, so clients can reconnect to it.
 * It persists nothing, so a restart comes back empty.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final int port;
    private final Path dir;
    private Process process;

    private RedisServerProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Starts a new server; fails with instructions if {@code redis-server} is not installed. */
    public static RedisServerProcess start(String... extraArgs) {
        try {
            RedisServerProcess server = new RedisServerProcess(freePort(), Files.createTempDirectory("redis-it"));
            server.launch(extraArgs);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare a private redis-server", e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Runs {@code work} on a short-lived connection of its own to this server (for commands a test
     * may only send to a private server, such as CONFIG RESETSTAT).
     */
    public <T> T withCommands(java.util.function.Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> work) {
        RedisClient client = RedisClient.create(RedisURI.create(url()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return work.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Starts the server again on the same port after {@link #stop()}. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is already running");
        }
        launch();
    }

    /** Kills the server and waits until it is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping redis-server", e);
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void launch(String... extraArgs) {
        List<String> command = new java.util.ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        command.addAll(List.of(extraArgs));
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(new File(dir.toFile(), "redis.log"))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run redis-server (" + e.getMessage() + "); install it, e.g. "
                    + "apt-get install -y redis-server", e);
        }
        awaitPing();
    }

    private void awaitPing() {
        Instant deadline = Instant.now().plusSeconds(10);
        RedisURI uri = RedisURI.create(url());
        uri.setTimeout(Duration.ofMillis(500));
        RedisClient client = RedisClient.create(uri);
        try {
            while (true) {
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    connection.sync().ping();
                    return;
                } catch (RuntimeException e) {
                    if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                        throw new IllegalStateException("redis-server did not start on port " + port
                                + "; see " + dir.resolve("redis.log"), e);
                    }
                    Thread.onSpinWait();
                }
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

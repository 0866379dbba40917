package io.regioncache.testsupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private {@code redis-server} on a free loopback port, for tests that stop and restart Redis.
 * It keeps its port and its directory across {@link #stop()} and {@link #restart()}, so clients can
 * reconnect to it (and a cluster node finds its {@code nodes.conf} again). It persists no data, so a
 * restart comes back empty. {@link #close()} stops it and deletes its directory.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final int port;
    private final Path dir;
    // The config file, when there is one, must come first on redis-server's command line.
    private final List<String> configFile;
    private final List<String> extraArgs;
    private Process process;

    private RedisServerProcess(int port, Path dir, List<String> configFile, List<String> extraArgs) {
        this.configFile = configFile;
        this.extraArgs = extraArgs;
        this.port = port;
        this.dir = dir;
    }

    /** Starts a new server; fails with instructions if {@code redis-server} is not installed. */
    public static RedisServerProcess start(String... extraArgs) {
        return start(freePorts(1)[0], null, List.of(extraArgs));
    }

    /**
     * Starts a new server that first reads {@code config} (the text of a redis.conf, written to its
     * directory, where the server may rewrite it, as Sentinel does), then {@code extraArgs}.
     */
    public static RedisServerProcess startWithConfig(String config, String... extraArgs) {
        return start(freePorts(1)[0], config, List.of(extraArgs));
    }

    /** Starts a server on {@code port}, which the caller found free (see {@link #freePorts(int)}). */
    static RedisServerProcess start(int port, String config, List<String> extraArgs) {
        Path dir;
        List<String> configFile = List.of();
        try {
            dir = Files.createTempDirectory("redis-it");
            if (config != null) {
                configFile = List.of(Files.writeString(dir.resolve("redis.conf"), config).toString());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare a private redis-server", e);
        }
        RedisServerProcess server = new RedisServerProcess(port, dir, configFile, extraArgs);
        try {
            server.launch();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public int port() {
        return port;
    }

    /** Where the server runs: its log ({@code redis.log}) and any file it writes. */
    public Path dir() {
        return dir;
    }

    /** The operating system's id of the running server, for tests that check it is gone. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
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

    /** Starts the server again, on the same port and with the same arguments, after {@link #stop()}. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is already running");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("redis-server on port " + port + " is closed");
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

    /** Stops the server and deletes its directory; a closed server cannot be restarted. */
    @Override
    public void close() {
        stop();
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    private synchronized void launch() {
        List<String> command = new ArrayList<>(List.of("redis-server"));
        command.addAll(configFile);
        command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                "no", "--dir", dir.toString()));
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(new File(dir.toFile(), "redis.log"))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run redis-server (" + e.getMessage() + "); install it, e.g. "
                    + "apt-get install -y redis-server", e);
        }
        awaitListening();
        awaitPing();
    }

    /**
     * Waits until the port takes TCP connections (or the process died), before any Lettuce client
     * tries it: a Lettuce connection refused leaves a handshake timeout behind that fires, as a
     * logged error, into the client's shut-down event loop.
     */
    private void awaitListening() {
        NodeProbe.await("redis-server to listen on port " + port, Duration.ofSeconds(10), () -> {
            if (!process.isAlive()) {
                return true;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return true;
            }
        }, () -> dir.resolve("redis.log").toString());
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

    /**
     * {@code count} distinct loopback ports that are free now: all are held open together while they
     * are chosen, so that a cluster's nodes and bus ports never collide with one another.
     */
    static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find free loopback ports", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Only a probe: the port is free again either way.
                }
            }
        }
    }
}

package io.regioncache.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy between a client under test and a real server, which injects network
 * faults on demand: latency on every forwarded chunk, a black hole (connections are accepted but
 * nothing is forwarded and nothing is reset, as behind a dropped route: bytes wait, as TCP
 * retransmits them, and flow again when the hole closes), cut connections (reset), and refused
 * connections (the listening socket is closed, so a connect gets RST). Faults apply at once to
 * live connections and to new ones, and end when cleared.
 *
 * <p>Plain blocking sockets, two threads per proxied connection: the proxy serves tests with a
 * handful of connections. {@link #close()} closes every socket and stops every thread it started.
 */
public final class FaultProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private final List<String> faultLog = new CopyOnWriteArrayList<>();
    private final AtomicInteger faultsInjected = new AtomicInteger();
    private final AtomicLong latencyMillis = new AtomicLong();
    private final Object holeLock = new Object();
    private volatile boolean blackHole;
    private volatile boolean closed;
    private ServerSocket listener;

    private FaultProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        acceptOn(listener);
    }

    /** A proxy on a free loopback port that forwards to {@code 127.0.0.1:targetPort}. */
    public static FaultProxy to(int targetPort) {
        try {
            return new FaultProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open a loopback fault proxy to port " + targetPort, e);
        }
    }

    /** The loopback port clients connect to. */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}: the proxy's address as a Redis URL. */
    public String redisUrl() {
        return "redis://127.0.0.1:" + port;
    }

    /** Delays every chunk forwarded in either direction by {@code latency}; zero ends the fault. */
    public void latency(Duration latency) {
        latencyMillis.set(latency.toMillis());
        record("latency " + latency.toMillis() + " ms");
    }

    /**
     * Starts or ends the black hole: while it lasts, connections are accepted but no byte is
     * forwarded in either direction and no reset is sent, so clients see only silence; what was
     * held back is delivered when it ends, as TCP would after a partition heals.
     */
    public void blackHole(boolean on) {
        synchronized (holeLock) {
            blackHole = on;
            holeLock.notifyAll();
        }
        record(on ? "black hole" : "black hole ended");
    }

    /** Resets every live connection (both sides get RST); new connections are accepted as before. */
    public void cutConnections() {
        for (Socket socket : live) {
            reset(socket);
        }
        record("cut connections");
    }

    /**
     * Starts or ends refusing: while it lasts nothing listens on {@link #port()}, so connects are
     * refused; live connections are not touched (cut them with {@link #cutConnections()}).
     */
    public synchronized void refuseConnections(boolean on) {
        if (on == (listener == null)) {
            return;
        }
        try {
            if (on) {
                listener.close();
                listener = null;
            } else {
                listener = listen(port);
                acceptOn(listener);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot " + (on ? "stop" : "resume") + " listening on port " + port, e);
        }
        record(on ? "refuse connections" : "accept connections");
    }

    /** Ends every fault: no latency, no black hole, accepting connections. */
    public void heal() {
        latencyMillis.set(0);
        if (blackHole) {
            blackHole(false);
        }
        refuseConnections(false);
    }

    /** How many faults were started (latency, black hole, cut, refuse) since the proxy opened. */
    public int faultsInjected() {
        return faultsInjected.get();
    }

    /** Every fault change so far, in order, each line stamped with {@code System.nanoTime()} in microseconds. */
    public List<String> faultLog() {
        return List.copyOf(faultLog);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
        for (Socket socket : live) {
            reset(socket);
        }
        synchronized (holeLock) {
            holeLock.notifyAll();
        }
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Fault proxy threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(String change) {
        faultLog.add(System.nanoTime() / 1_000 + " us " + change);
        if (!change.contains("ended") && !change.startsWith("accept") && !change.equals("latency 0 ms")) {
            faultsInjected.incrementAndGet();
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return socket;
    }

    private void acceptOn(ServerSocket server) {
        threads.execute(() -> {
            while (!closed && !server.isClosed()) {
                try {
                    Socket client = server.accept();
                    connect(client);
                } catch (IOException listenerClosed) {
                    return;
                }
            }
        });
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 2000);
        } catch (IOException unreachable) {
            // The server behind the proxy is down: the client sees its connection reset, as it would.
            reset(client);
            reset(upstream);
            return;
        }
        live.add(client);
        live.add(upstream);
        threads.execute(() -> pump(client, upstream));
        threads.execute(() -> pump(upstream, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                long delay = latencyMillis.get();
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                awaitNoBlackHole();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException ended) {
            // A side closed or was cut, or the proxy is closing: end the pair below.
        } finally {
            reset(from);
            reset(to);
        }
    }

    private void awaitNoBlackHole() throws InterruptedException {
        synchronized (holeLock) {
            while (blackHole && !closed) {
                holeLock.wait();
            }
        }
    }

    private void reset(Socket socket) {
        live.remove(socket);
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (SocketException alreadyGone) {
            // Closing below anyway.
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A "Redis" that accepts connections and never answers, so every connect attempt takes the whole
 * timeout: the cache must neither start a new attempt right after a failed one nor make callers
 * queue behind an attempt in progress. Counting accepted connections shows each attempt.
 */
@ExtendWith(ExpectedOutageLog.class)
class SilentRedisIT {

    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private Thread acceptor;

    @BeforeEach
    void listenWithoutAnswering() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException closed) {
                // The test is over.
            }
        }, "silent-redis");
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    private RegionCache degradedCache() {
        return RegionCache.builder().redisUrl("redis://127.0.0.1:" + server.getLocalPort())
                .commandTimeout(Duration.ofMillis(700)).build();
    }

    @Test
    void theNextAttemptWaitsOneSecondFromTheEndOfAFailedOne() {
        try (RegionCache cache = degradedCache()) {
            assertThat(accepted).as("the attempt at build").hasSize(1);

            for (int i = 0; i < 5; i++) {
                assertThat(cache.region("r").get("k")).isNull();
            }

            assertThat(accepted).as("no attempt within 1 s of the failed one, however long it took").hasSize(1);
        }
    }

    @Test
    void callersDoNotQueueBehindAConnectInProgress() throws Exception {
        try (RegionCache cache = degradedCache()) {
            CompletableFuture<Object> connecting = CompletableFuture.supplyAsync(() -> {
                // Time itself is under test: the first read after the 1 s pause starts a connect.
                await().pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(5)).until(() -> {
                    cache.region("r").get("k");
                    return accepted.size() == 2;
                });
                return null;
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == 2);

            long start = System.nanoTime();
            assertThat(cache.region("r").get("k")).isNull();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as("a read while another caller connects is an immediate miss").isLessThan(Duration.ofMillis(300));
            connecting.get();
            assertThat(accepted).hasSize(2);
        }
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.testsupport.RedisServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Property 8 of docs/design.md: {@code rediss://} connects over TLS. A private redis-server listens for
 * TLS with a throwaway self-signed certificate (made with openssl); the test does not verify the
 * peer since the JVM does not trust that certificate (applications trust their CA through the
 * usual {@code javax.net.ssl.trustStore}).
 */
class TlsIT {

    @Test
    void redissConnectsOverTls() throws Exception {
        Path dir = Files.createTempDirectory("redis-tls");
        selfSignedCertificate(dir);
        int tlsPort = freePort();
        try (RedisServerProcess server = RedisServerProcess.start("--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", dir.resolve("cert.pem").toString(), "--tls-key-file", dir.resolve("key.pem").toString(),
                "--tls-auth-clients", "no", "--loglevel", "warning");
             RegionCache cache = RegionCache.connect("rediss://127.0.0.1:" + tlsPort + "?verifyPeer=NONE")) {
            cache.region("secure").put("k", "over tls");

            assertThat(cache.region("secure").get("k")).isEqualTo("over tls");
            assertThat(cache.toString()).contains("rediss://127.0.0.1:" + tlsPort + "/0");
            long stored = server.withCommands(redis -> redis.exists("root.secure"));
            assertThat(stored).isEqualTo(1);
        }
    }

    private static void selfSignedCertificate(Path dir) throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (openssl.waitFor() != 0) {
            throw new IllegalStateException("openssl could not make a test certificate (install openssl); see "
                    + dir.resolve("openssl.log"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

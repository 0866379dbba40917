package io.regioncache.signals.redis;

import io.regioncache.signals.Signals;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.RedisServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rediss:// against a private redis-server with TLS on a second port and a certificate made for
 * the test. The JVM trusts it through the standard {@code javax.net.ssl.trustStore} property,
 * which is how an application trusts a private CA with a URL-only API; this class runs in a JVM
 * of its own (failsafe reuseForks=false).
 */
class TlsIT {

    private static RedisServerProcess server;
    private static int tlsPort;

    @BeforeAll
    static void startTlsServer() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("redis-tls-it");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Path trustStore = dir.resolve("trust.p12");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString());
        run("keytool", "-importcert", "-noprompt", "-alias", "redis-it", "-file", cert.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        tlsPort = freePort();
        server = RedisServerProcess.start("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", cert.toString(),
                "--tls-key-file", key.toString(), "--tls-ca-cert-file", cert.toString(), "--tls-auth-clients", "no");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void redissWithAVerifiedCertificateDeliversMessages() {
        RecordingListener listener = new RecordingListener();
        try (RedisPubSubSignals redis = RedisPubSubSignals.create("rediss://localhost:" + tlsPort);
             Subscription ignored = redis.channel("secure").subscribe(listener);
             TestConnection publisher = TestConnection.to(server.url())) {
            publisher.publish("secure", "over tls");
            listener.awaitPayload("over tls");
        }
    }

    @Test
    void redissSignalUriWorksToo() {
        RecordingListener listener = new RecordingListener();
        try (Subscription ignored = Signals.of("rediss://localhost:" + tlsPort + "?pattern=secure.*").subscribe(listener);
             TestConnection publisher = TestConnection.to(server.url())) {
            publisher.publish("secure.uri", "over tls by uri");
            listener.awaitPayload("over tls by uri");
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("TlsIT needs " + command[0] + " (openssl and the JDK's keytool) to make a "
                    + "test certificate; it failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

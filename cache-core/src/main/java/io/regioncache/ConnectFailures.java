package io.regioncache;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;

/**
 * Tells a misconfigured connection from an outage. A Redis that answers the handshake with an
 * error (a wrong password, an unknown ACL user, a database it does not have) or a TLS handshake
 * that fails will fail the same way on every attempt: that is a configuration error, reported at
 * once and never retried as an outage. Only a Redis that does not answer is an outage.
 */
final class ConnectFailures {

    /** Errors a Redis answers while it is starting or failing over: those pass. */
    private static final List<String> TRANSIENT = List.of("LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN");

    private ConnectFailures() {
    }

    /**
     * The configuration error that {@code failure} shows, if it shows one.
     *
     * @param display the server as shown to users, without credentials
     */
    static Optional<RegionCacheException> misconfiguration(RedisURI uri, String display, RedisException failure) {
        Optional<Throwable> refusal = causes(failure).filter(ConnectFailures::isRefusal).findFirst();
        if (refusal.isPresent()) {
            String answer = refusal.get().getMessage();
            return Optional.of(refusal.get() instanceof SSLException
                    ? new RegionCacheException("The TLS handshake with Redis at " + display + " failed: " + answer
                            + ". Trust the server's certificate authority (javax.net.ssl.trustStore), or use redis:// if "
                            + "the server does not serve TLS.", failure)
                    : new RegionCacheException("Redis at " + display + " refused the connection: " + answer + hint(answer)
                            + " This is a configuration error, not an outage: fix the URL or the server.", failure));
        }
        if (uri.isSsl() && isTimeout(failure) && answersInPlainText(uri)) {
            return Optional.of(new RegionCacheException("The TLS handshake with Redis at " + display + " did not complete: "
                    + "the server answers in plain text, not TLS. Use redis:// for this server, or enable TLS on it.",
                    failure));
        }
        return Optional.empty();
    }

    /**
     * {@code failure}, its causes and what they suppressed, depth first: a cluster client that
     * tried every seed keeps each seed's failure as a suppressed exception of its own.
     */
    static Stream<Throwable> causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Stream.Builder<Throwable> all = Stream.builder();
        Deque<Throwable> next = new ArrayDeque<>(List.of(failure));
        while (!next.isEmpty()) {
            Throwable current = next.pop();
            if (seen.add(current)) {
                all.add(current);
                Throwable[] suppressed = current.getSuppressed();
                for (int i = suppressed.length - 1; i >= 0; i--) {
                    next.push(suppressed[i]);
                }
                if (current.getCause() != null) {
                    next.push(current.getCause());
                }
            }
        }
        return all.build();
    }

    /** An answer that every attempt will get again: an error reply other than a transient one, or a failed TLS handshake. */
    private static boolean isRefusal(Throwable cause) {
        return cause instanceof RedisCommandExecutionException && !isTransient(cause.getMessage())
                || cause instanceof SSLException;
    }

    private static boolean isTransient(String message) {
        return message == null || TRANSIENT.stream().anyMatch(message::startsWith)
                || message.contains("max number of clients");
    }

    private static String hint(String message) {
        if (message.startsWith("WRONGPASS")) {
            return " (the user or password of the URL is wrong; it is not shown here).";
        }
        if (message.startsWith("NOAUTH")) {
            return " (the server requires a password: redis://[user]:password@host:port/db).";
        }
        if (message.contains("DB index is out of range")) {
            return " (the database number in the URL's path is beyond the server's databases setting).";
        }
        return ".";
    }

    private static boolean isTimeout(Throwable failure) {
        return causes(failure).anyMatch(cause -> cause instanceof RedisCommandTimeoutException);
    }

    /**
     * Sends a plain PING: a server that answers it with a RESP reply ({@code +PONG}, or an error
     * such as {@code -NOAUTH}) speaks plain text, so TLS never had a chance. A server that says
     * nothing is left to be an outage.
     *
     * <p>Needed because a plain Redis never answers a TLS ClientHello: it reads it as an inline
     * command and waits for its end of line, which the binary hello may not contain, so the
     * handshake can only time out. The probe gets the URL's command timeout, as a command would:
     * a loaded server (or machine) that answers the PING late is still recognised as plain text,
     * where a short fixed wait let the cache start degraded and retry a handshake that can never
     * succeed. A server that is down refuses the probe's connect at once, so outages pay nothing.
     */
    private static boolean answersInPlainText(RedisURI uri) {
        int timeout = (int) Math.min(Integer.MAX_VALUE, uri.getTimeout().toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeout);
            socket.setSoTimeout(timeout);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            int first = in.read();
            return first == '+' || first == '-';
        } catch (IOException e) {
            return false;
        }
    }
}

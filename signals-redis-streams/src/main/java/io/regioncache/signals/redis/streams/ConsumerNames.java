package io.regioncache.signals.redis.streams;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names consumers {@code host/pid/n}, so that {@code XINFO CONSUMERS} shows which process, and
 * which of its subscriptions, each consumer is. The counter is per JVM, so two subscriptions of one
 * process never share a consumer (and so never each other's pending entries).
 */
final class ConsumerNames {

    private static final AtomicLong COUNTER = new AtomicLong();

    private ConsumerNames() {
    }

    static String next() {
        return Process.NAME + "/" + COUNTER.incrementAndGet();
    }

    /** Resolved once, on first use: looking up the host name may take a DNS round trip. */
    private static final class Process {
        static final String NAME = hostName() + "/" + ProcessHandle.current().pid();

        private static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                String fromEnvironment = System.getenv("HOSTNAME");
                return fromEnvironment == null || fromEnvironment.isBlank() ? "unknown-host" : fromEnvironment;
            }
        }
    }
}

package io.regioncache;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fails commands fast while Redis is silent. A silent Redis (connection open, no reply, no reset,
 * as behind a dropped route) would otherwise make every command wait out the whole command
 * timeout. So once a command has timed out, the store counts as silent: commands fail at once
 * with {@link CacheUnavailableException} while one PING at a time, on the same connection, asks
 * whether Redis answers again; its first answer, even an error reply, ends the silence. A PING
 * that gets no answer is followed by the next one after {@link #PAUSE}, so there is at most one
 * in flight and Redis gets at most one per command timeout.
 *
 * <p>Owns no thread: PINGs complete on the client's I/O threads and pauses run on its event
 * executors. Probing stops once the connection is closed.
 */
final class SilenceProbe {

    /** Between a PING that got no answer and the next one. */
    static final Duration PAUSE = Duration.ofMillis(100);

    private final LazyRedisConnection connection;
    /** When the command timed out that started the silence; 0 while Redis answers. */
    private final AtomicLong silentSinceNanos = new AtomicLong();

    SilenceProbe(LazyRedisConnection connection) {
        this.connection = connection;
    }

    /** The exception to fail a command with at once while Redis is silent, or null if it answers. */
    CacheUnavailableException failFast() {
        long since = silentSinceNanos.get();
        if (since == 0) {
            return null;
        }
        return new CacheUnavailableException("Redis at " + connection.display() + " has not answered since a command timed out "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since) + " ms ago; failing fast until it answers a PING");
    }

    /** A command got no answer within the timeout: starts the silence and its probe, unless it has started. */
    void timedOut() {
        // Never 0, which means "answering".
        if (silentSinceNanos.compareAndSet(0, System.nanoTime() | 1)) {
            probe();
        }
    }

    private void probe() {
        RedisLink link = connection.connected();
        if (link == null) {
            return; // closed
        }
        CompletableFuture<String> pong;
        try {
            pong = link.writes().ping().toCompletableFuture();
        } catch (RedisException e) {
            // Lettuce refuses commands at once while disconnected: no answer yet.
            pong = CompletableFuture.failedFuture(e);
        }
        pong.whenComplete((reply, failure) -> {
            if (failure == null || FailureGuard.unwrap(failure) instanceof RedisCommandExecutionException) {
                silentSinceNanos.set(0);
            } else {
                probeAgainAfterPause();
            }
        });
    }

    private void probeAgainAfterPause() {
        try {
            connection.after(PAUSE).thenRun(this::probe);
        } catch (RejectedExecutionException e) {
            // The client's executors are shutting down: the connection is being closed.
        }
    }
}

package io.regioncache;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds how long the near cache serves across a silent Redis (connection open, no reply, no
 * reset, as behind a dropped route). Such a silence drops no connection, and a process whose reads
 * all hit the near cache sends no command that could time out, so without this it would serve its
 * entries, deaf to other processes' writes, until their maximum age. So while the near cache holds
 * entries, a PING goes on the data connection (the one that carries the invalidation pushes) every
 * {@link #interval}; one that gets no answer within the command timeout is a silent command: the
 * silence starts ({@link SilenceProbe}) and the near cache is flushed, and nothing is read from
 * Redis (so nothing filled) until Redis answers again. Nothing near is served later than
 * {@link #interval} plus the command timeout after the silence starts.
 *
 * <p>At most one heartbeat is in flight; none is sent while the silence is known (the probe asks
 * then), while not connected, or while the near cache is empty, so a cache without near entries
 * sends none. Owns no thread: it runs on the client's event executors and never waits.
 */
final class NearHeartbeat implements Runnable {

    private final LazyRedisConnection connection;
    private final SilenceProbe silence;
    private final NearCache near;
    private final AtomicBoolean inFlight = new AtomicBoolean();

    NearHeartbeat(LazyRedisConnection connection, SilenceProbe silence, NearCache near) {
        this.connection = connection;
        this.silence = silence;
        this.near = near;
    }

    /**
     * Half the command timeout, but no less than 500 ms: a short timeout must not turn into a
     * PING storm.
     */
    static Duration interval(Duration commandTimeout) {
        Duration half = commandTimeout.dividedBy(2);
        Duration floor = Duration.ofMillis(500);
        return half.compareTo(floor) < 0 ? floor : half;
    }

    @Override
    public void run() {
        RedisLink link = connection.connected();
        if (link == null || near.size() == 0 || silence.failFast() != null || !inFlight.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<String> pong;
        try {
            pong = link.writes().ping().toCompletableFuture();
        } catch (RedisException e) {
            // Refused at once while disconnected: the drop has flushed and bypassed the near cache.
            inFlight.set(false);
            return;
        }
        pong.whenComplete((reply, failure) -> {
            inFlight.set(false);
            if (FailureGuard.unwrap(failure) instanceof RedisCommandTimeoutException) {
                // In this order, as for any command that timed out: no read may fill in between.
                silence.timedOut();
                near.flush();
            }
        });
    }
}

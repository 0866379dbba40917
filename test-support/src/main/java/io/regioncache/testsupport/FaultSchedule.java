package io.regioncache.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Injects random faults on a thread of its own until closed: latency (below and above a command
 * timeout), black holes, cut connections, refused connects through a {@link FaultProxy}, and
 * restarts of the {@link RedisServerProcess} behind it (which come back empty), each followed by
 * a healthy pause. Seeded, so a failing run can be replayed with the seed it prints.
 */
public final class FaultSchedule implements AutoCloseable {

    private final FaultProxy proxy;
    private final RedisServerProcess server;
    private final Random random;
    private final long seed;
    private final AtomicInteger restarts = new AtomicInteger();
    private final List<String> restartLog = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile RuntimeException failure;

    private FaultSchedule(FaultProxy proxy, RedisServerProcess server, long seed) {
        this.proxy = proxy;
        this.server = server;
        this.seed = seed;
        this.random = new Random(seed);
        this.thread = new Thread(this::run, "fault-schedule");
    }

    /** Starts injecting faults now, seeded with {@code seed}. */
    public static FaultSchedule start(FaultProxy proxy, RedisServerProcess server, long seed) {
        FaultSchedule schedule = new FaultSchedule(proxy, server, seed);
        schedule.thread.start();
        return schedule;
    }

    /** Faults injected so far: the proxy's plus the Redis restarts. */
    public int faultsInjected() {
        return proxy.faultsInjected() + restarts.get();
    }

    /** Every fault change so far, in order, stamped as {@link FaultProxy#faultLog()} stamps them. */
    public List<String> log() {
        List<String> log = new java.util.ArrayList<>(proxy.faultLog());
        log.addAll(restartLog);
        log.sort(null);
        return log;
    }

    private void run() {
        try {
            while (!pause(300, 1000)) {
                injectOne();
            }
        } catch (RuntimeException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            proxy.heal();
            if (server != null) {
                ensureRunning();
            }
        }
    }

    private void injectOne() throws InterruptedException {
        int fault = random.nextInt(server == null ? 4 : 5);
        switch (fault) {
            case 0 -> {
                proxy.latency(Duration.ofMillis(50 + random.nextInt(850)));
                pause(300, 1000);
                proxy.latency(Duration.ZERO);
            }
            case 1 -> {
                proxy.blackHole(true);
                pause(300, 1200);
                proxy.blackHole(false);
            }
            case 2 -> proxy.cutConnections();
            case 3 -> {
                proxy.refuseConnections(true);
                proxy.cutConnections();
                pause(300, 1000);
                proxy.refuseConnections(false);
            }
            default -> {
                server.stop();
                restarts.incrementAndGet();
                restartLog.add(System.nanoTime() / 1_000 + " us redis restart");
                pause(200, 600);
                server.restart();
            }
        }
    }

    private void ensureRunning() {
        try {
            server.restart();
        } catch (IllegalStateException alreadyRunning) {
            // The schedule stopped between faults: the server is up.
        }
    }

    /**
     * Time itself is the fault here: how long it lasts, and the healthy gap after it.
     *
     * @return true if the schedule was closed meanwhile
     */
    private boolean pause(int minMillis, int maxMillis) throws InterruptedException {
        return stopped.await(minMillis + random.nextInt(maxMillis - minMillis), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops injecting, ends the fault in progress (a stopped Redis is started again) and waits for
     * the thread.
     *
     * @throws IllegalStateException if injecting a fault failed
     */
    @Override
    public void close() {
        stopped.countDown();
        try {
            thread.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("A fault could not be injected (seed " + seed + ")", failure);
        }
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.history.HistoryChecker;
import io.regioncache.history.HistoryClient;
import io.regioncache.history.Op;
import io.regioncache.history.Violation;
import io.regioncache.testsupport.FaultProxy;
import io.regioncache.testsupport.FaultSchedule;
import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jepsen-style: four caches (simulated processes, each its own connection) run random operations
 * on one small region tree while the network to Redis misbehaves and Redis restarts; the recorded
 * history is then checked against the model ({@link HistoryChecker}). Three caches go through the
 * {@link FaultProxy} (two RAISE, whose calls are certain when they return, and one DEGRADE), one
 * talks to Redis directly. Runs {@value #DEFAULT_SECONDS} s in the normal build; {@code
 * -Dregioncache.history.seconds=600} runs the large size.
 */
@ExtendWith(ExpectedOutageLog.class)
class HistoryFaultIT {

    private static final int DEFAULT_SECONDS = 20;
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning");
    private final FaultProxy proxy = FaultProxy.to(server.port());
    private final Queue<Op> history = new ConcurrentLinkedQueue<>();
    private final List<RegionCache> caches = new ArrayList<>();
    private volatile boolean running = true;

    @AfterEach
    void close() {
        caches.forEach(RegionCache::close);
        proxy.close();
        server.close();
    }

    @Test
    void concurrentCachesUnderFaultsAndRestartsNeverReadWhatTheModelForbids() throws Exception {
        long seconds = Long.getLong("regioncache.history.seconds", DEFAULT_SECONDS);
        long seed = Long.getLong("regioncache.history.seed", System.nanoTime());
        List<Thread> clients = List.of(
                client(0, proxy.redisUrl(), FailurePolicy.RAISE, false),
                client(1, proxy.redisUrl(), FailurePolicy.RAISE, false),
                client(2, proxy.redisUrl(), FailurePolicy.DEGRADE, false),
                client(3, server.url(), FailurePolicy.RAISE, false));

        int faults;
        List<String> faultLog;
        try (FaultSchedule schedule = FaultSchedule.start(proxy, server, seed)) {
            runFor(clients, seconds);
            faults = schedule.faultsInjected();
            faultLog = schedule.log();
        }

        List<Op> ops = List.copyOf(history);
        List<Violation> violations = HistoryChecker.check(ops);
        long readsChecked = ops.stream().filter(Op::readFromStore).count();
        System.out.printf("History: %d operations (%d reads of stored values checked), %d faults injected (seed %d), "
                + "%d violations%n", ops.size(), readsChecked, faults, seed, violations.size());
        assertThat(violations).as("violations (seed %d):%n%s%nfaults (on the clock of the operations):%n%s", seed,
                describe(violations), String.join("\n", faultLog)).isEmpty();
        assertThat(faults).as("faults injected").isGreaterThanOrEqualTo((int) (seconds / 3));
        assertThat(readsChecked).as("reads whose result the checker could judge").isGreaterThan(100);
    }

    @Test
    void aCacheThatDropsPurgesIsCaught() throws Exception {
        List<Thread> clients = List.of(
                client(0, server.url(), FailurePolicy.RAISE, true),
                client(1, server.url(), FailurePolicy.RAISE, false));
        runFor(clients, 2);

        List<Violation> violations = HistoryChecker.check(List.copyOf(history));

        assertThat(violations).as("a purge recorded as done but never applied shows as stale reads").isNotEmpty();
        assertThat(violations).anySatisfy(violation -> {
            assertThat(violation.rule()).contains("made unreachable");
            assertThat(violation.evidence()).anySatisfy(op -> assertThat(op.kind()).isEqualTo(Op.Kind.INVALIDATE));
        });
    }

    /** The history's length is what is under test here, so the test sleeps through it. */
    private void runFor(List<Thread> clients, long seconds) throws InterruptedException {
        clients.forEach(Thread::start);
        TimeUnit.SECONDS.sleep(seconds);
        running = false;
        for (Thread client : clients) {
            client.join();
        }
    }

    private Thread client(int id, String url, FailurePolicy policy, boolean dropPurges) {
        RegionCache cache = RegionCache.builder().redisUrl(url).commandTimeout(TIMEOUT).failurePolicy(policy).build();
        caches.add(cache);
        return new Thread(new HistoryClient(id, cache, policy, history, () -> running, dropPurges), "history-client-" + id);
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().limit(20).map(Violation::toString).collect(Collectors.joining("\n"));
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

import io.regioncache.signals.LocalSignal;
import io.regioncache.signals.Signals;
import io.regioncache.testsupport.FaultProxy;
import io.regioncache.testsupport.RedisServerProcess;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The async API on a real Redis, beyond the store contracts that also run through it: many
 * operations in flight from one thread, failures as the blocking API's exceptions, and no wait on
 * a Lettuce I/O thread.
 */
@ExtendWith(ExpectedOutageLog.class)
class AsyncRegionIT {

    private final String prefix = TestRedis.uniquePrefix(AsyncRegionIT.class);
    /** RAISE, so that nothing fails silently; a long timeout, so that a loaded machine cannot time out 10,000 queued commands. */
    private final RegionCache cache = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(prefix)
            .failurePolicy(FailurePolicy.RAISE).commandTimeout(Duration.ofSeconds(30)).build();

    @AfterEach
    void cleanUp() {
        cache.close();
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void tenThousandOperationsAreInFlightFromOneThread() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning");
                FaultProxy proxy = FaultProxy.to(server.port());
                RegionCache behindProxy = RegionCache.builder().redisUrl(proxy.redisUrl())
                        .failurePolicy(FailurePolicy.RAISE).commandTimeout(Duration.ofSeconds(30)).build()) {
            AsyncRegion<Object> region = behindProxy.region("many").async();
            region.put("warm-up", 0).get(30, TimeUnit.SECONDS);

            // Redis's replies are held back, so every put that returned did so before its reply.
            proxy.blackHole(true);
            List<CompletableFuture<Void>> puts = IntStream.range(0, 10_000).mapToObj(i -> region.put("k" + i, i)).toList();
            assertThat(puts).as("put returns before its reply").noneMatch(CompletableFuture::isDone);
            proxy.blackHole(false);
            CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            List<CompletableFuture<Object>> gets = IntStream.range(0, 10_000).mapToObj(i -> region.get("k" + i)).toList();
            CompletableFuture.allOf(gets.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            assertThat(IntStream.range(0, 10_000).filter(i -> !Integer.valueOf(i).equals(gets.get(i).join()))).isEmpty();
            assertThat(behindProxy.stats().hits()).isEqualTo(10_000);
        }
    }

    @Test
    void theTwoViewsAreOneRegion() throws Exception {
        Region<Object> region = cache.region("views");
        AsyncRegion<Object> async = region.async();

        async.putAll(Map.of("a", 1, "b", 2)).get();

        assertThat(async.sync()).isEqualTo(region);
        assertThat(async.name()).isEqualTo("root.views");
        assertThat(region.getAll(List.of("a", "b"))).containsExactly(Map.entry("a", 1), Map.entry("b", 2));
        assertThat(async.remove("a").get()).isTrue();
        assertThat(async.containsKey("a").get()).isFalse();
        assertThat(async.keys().get()).containsExactly("b");
        assertThat(async.size().get()).isEqualTo(1);
        async.invalidate().get();
        assertThat(region.get("b")).isNull();
    }

    @Test
    void getOrComputeStoresWhatTheLoadersStageCompletesWith() throws Exception {
        AsyncRegion<Object> region = cache.region("loads").async();
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<String> slowLoad = new CompletableFuture<>();

        CompletableFuture<Object> first = region.getOrCompute("k", () -> {
            loads.incrementAndGet();
            return slowLoad;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> loads.get() == 1);
        assertThat(first).isNotDone();
        slowLoad.complete("loaded");

        assertThat(first.get()).isEqualTo("loaded");
        assertThat(region.getOrCompute("k", () -> CompletableFuture.completedFuture("again")).get()).isEqualTo("loaded");
        assertThat(cache.stats().loads()).isEqualTo(1);
    }

    @Test
    void aFailedLoadFailsTheFutureAndStoresNothing() {
        AsyncRegion<Object> region = cache.region("loads").async();

        CompletableFuture<Object> failed = region.getOrCompute("k",
                () -> CompletableFuture.failedFuture(new IllegalStateException("database down")));

        assertThat(failed).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class).withMessageContaining("database down");
        assertThat(region.sync().containsKey("k")).isFalse();
        assertThat(cache.stats().loadFailures()).isEqualTo(1);
    }

    @Test
    void badInputIsThrownAtOnce() {
        AsyncRegion<Object> region = cache.region("bad").async();

        assertThatNullPointerException().isThrownBy(() -> region.put(null, 1));
        assertThatNullPointerException().isThrownBy(() -> region.put("k", null));
        assertThatNullPointerException().isThrownBy(() -> region.getOrCompute("k", null));
        assertThatIllegalArgumentException().isThrownBy(() -> region.get("__reserved")).withMessageContaining("__reserved");
    }

    @Test
    void failuresCompleteTheFutureWithTheBlockingApisExceptions() {
        try (RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning");
             RegionCache raising = RegionCache.builder().redisUrl(server.url()).failurePolicy(FailurePolicy.RAISE).build();
             CapturedLog log = new CapturedLog()) {
            AsyncRegion<Object> region = raising.region("r").async();
            server.withCommands(redis -> redis.hset("root.r", "corrupt", "not java serialization"));

            assertThat(region.get("corrupt")).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(CodecException.class);
            server.stop();
            assertThat(region.get("k")).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(CacheUnavailableException.class);
            assertThat(region.invalidate()).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(CacheUnavailableException.class);
        }
    }

    @Test
    void aLocalSignalSentFromALettuceIoThreadPurgesWithoutWaitingOnIt() {
        LocalSignal saved = Signals.named("io-thread-" + UUID.randomUUID());
        Region<Object> region = cache.region("users");
        region.put("k", "v");
        region.invalidateOn(saved);

        try (CapturedLog log = new CapturedLog()) {
            // A callback runs on the I/O thread unless the future completed before it was chained: try until it did.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                region.put("k", "v");
                boolean sentFromIoThread = region.async().get("k").thenApply(value -> {
                    boolean ioThread = Thread.currentThread().getName().startsWith("lettuce-");
                    if (ioThread) {
                        saved.send("saved");
                    }
                    return ioThread;
                }).join();
                // The purge was sent before this read, on the same connection.
                return sentFromIoThread && region.get("k") == null;
            });

            assertThat(log.text()).as("the purge never waited out a timeout").doesNotContain("retrying");
        }
    }
}

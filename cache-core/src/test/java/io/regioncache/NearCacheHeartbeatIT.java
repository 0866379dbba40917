package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.FaultProxy;
import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A process whose reads all hit its near cache sends no command, so only the near cache's
 * heartbeat can tell it that Redis went silent (no byte, no reset) behind a {@link FaultProxy}: it
 * stops serving near entries within the heartbeat interval plus the command timeout, sees after
 * the silence what another process wrote during it, and a cache with nothing near sends no
 * heartbeat at all.
 */
@ExtendWith(ExpectedOutageLog.class)
class NearCacheHeartbeatIT {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** How long after a silence starts the near cache may still serve. */
    private static final Duration BOUND = NearHeartbeat.interval(TIMEOUT).plus(TIMEOUT);
    /** What a loaded 2-core machine may add to timers and polls. */
    private static final Duration SLACK = Duration.ofSeconds(1);

    private final RedisServerProcess server = RedisServerProcess.start("--loglevel", "warning");
    private final FaultProxy proxy = FaultProxy.to(server.port());

    @AfterEach
    void close() {
        proxy.close();
        server.close();
    }

    @Test
    void aReaderOfNearEntriesOnlyStopsServingThemWithinTheBoundOfASilence() {
        // Only near hits until the heartbeat finds the silence; then misses that fail fast.
        Faults.nearEntryAcrossASilence(server, proxy, TIMEOUT, region ->
                await().atMost(BOUND.plus(SLACK)).pollInterval(Duration.ofMillis(10)).until(() -> region.get("k") == null));
    }

    @Test
    void heartbeatsGoOnlyWhileTheNearCacheHoldsEntries() {
        Duration quiet = NearHeartbeat.interval(TIMEOUT).multipliedBy(3);
        try (RegionCache plain = RegionCache.builder().redisUrl(server.url()).commandTimeout(TIMEOUT).build();
             RegionCache near = RegionCache.builder().redisUrl(server.url()).commandTimeout(TIMEOUT).nearCacheSize(100).build()) {
            Region<String> plainRegion = plain.region("plain", RegionOptions.of(Codecs.utf8()));
            plainRegion.put("k", "v");
            assertThat(plainRegion.get("k")).isEqualTo("v");
            long before = Faults.pings(server);

            // No near cache, and a near cache that holds nothing: no PING over three intervals.
            await().during(quiet).atMost(quiet.plus(SLACK)).until(() -> Faults.pings(server) == before);

            Region<String> nearRegion = near.region("near", RegionOptions.of(Codecs.utf8()));
            nearRegion.put("k", "v");
            Faults.awaitNearHit(near, nearRegion, "k", "v");
            await().atMost(quiet.plus(SLACK)).until(() -> Faults.pings(server) >= before + 2);
        }
    }
}

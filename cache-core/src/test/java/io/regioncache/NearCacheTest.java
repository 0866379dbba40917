package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The near cache's sequence rules, without Redis: which replies may be installed and served. */
class NearCacheTest {

    private static final Codec<String> TEXT = Codecs.utf8();
    private final NearCache near = new NearCache(100);

    @Test
    void nothingIsServedOrInstalledBeforeTrackingIsOn() {
        near.fill(near.region("root.users"), "k", TEXT, "v", near.sequence());
        assertThat(near.get(near.region("root.users"), "k", TEXT)).isNull();

        near.trackingOn();
        near.fill(near.region("root.users"), "k", TEXT, "v", near.sequence());
        assertThat(near.get(near.region("root.users"), "k", TEXT)).isEqualTo("v");
    }

    @Test
    void aReplyReadBeforeAnInvalidationOfItsRegionIsNeverServed() {
        near.trackingOn();
        long readAt = near.sequence();
        near.invalidate("root.users");
        near.fill(near.region("root.users"), "k", TEXT, "stale", readAt);
        assertThat(near.get(near.region("root.users"), "k", TEXT)).isNull();

        long installedFirst = near.sequence();
        near.fill(near.region("root.users"), "k", TEXT, "v", installedFirst);
        near.invalidate("root.users");
        assertThat(near.get(near.region("root.users"), "k", TEXT)).as("an entry installed before the push").isNull();
    }

    @Test
    void anInvalidationOfAnotherRegionLeavesEntriesServed() {
        near.trackingOn();
        near.fill(near.region("root.users"), "k", TEXT, "v", near.sequence());
        near.invalidate("root.orders");
        near.invalidate("root.users2");
        assertThat(near.get(near.region("root.users"), "k", TEXT)).isEqualTo("v");
    }

    @Test
    void aPurgeDropsTheRegionAndItsDescendantsOnly() {
        near.trackingOn();
        near.fill(near.region("root.users"), "k", TEXT, "users", near.sequence());
        near.fill(near.region("root.users.42"), "k", TEXT, "user", near.sequence());
        near.fill(near.region("root.users2"), "k", TEXT, "sibling", near.sequence());

        near.invalidateTree("root.users");

        assertThat(near.get(near.region("root.users"), "k", TEXT)).isNull();
        assertThat(near.get(near.region("root.users.42"), "k", TEXT)).isNull();
        assertThat(near.get(near.region("root.users2"), "k", TEXT)).isEqualTo("sibling");
    }

    @Test
    void aLostConnectionFlushesAndBypassesUntilTrackingIsOnAgain() {
        near.trackingOn();
        long readBeforeTheDrop = near.sequence();
        near.fill(near.region("root.users"), "k", TEXT, "v", readBeforeTheDrop);

        near.trackingLost();
        assertThat(near.get(near.region("root.users"), "k", TEXT)).isNull();
        near.fill(near.region("root.users"), "k", TEXT, "v", near.sequence());
        assertThat(near.size()).isZero();

        near.trackingOn();
        near.fill(near.region("root.users"), "k", TEXT, "sent before tracking was on", readBeforeTheDrop);
        assertThat(near.get(near.region("root.users"), "k", TEXT)).isNull();
    }

    @Test
    void aValueIsServedOnlyToTheCodecThatDecodedIt() {
        near.trackingOn();
        near.fill(near.region("root.users"), "k", TEXT, "v", near.sequence());
        assertThat(near.get(near.region("root.users"), "k", Codecs.javaSerialization())).isNull();
    }

    @Test
    void anEntryIsNotServedPastItsMaximumAge() {
        near.trackingOn();
        near.fill(near.region("root.users"), "k", TEXT, "v", near.sequence());
        near.tick();
        assertThat(near.get(near.region("root.users"), "k", TEXT)).as("younger than the maximum age").isEqualTo("v");
        near.tick();
        assertThat(near.get(near.region("root.users"), "k", TEXT)).as("at least as old as the maximum age").isNull();
    }

    @Test
    void callersWaitingOnARegionAreWokenByItsInvalidationAnAncestorsPurgeOrAFlush() {
        assertThat(near.nextInvalidation("root.users")).isNotDone();
        java.util.concurrent.CompletableFuture<Void> byWrite = near.nextInvalidation("root.users");
        near.invalidate("root.orders");
        assertThat(byWrite).isNotDone();
        near.invalidate("root.users");
        assertThat(byWrite).isDone();

        java.util.concurrent.CompletableFuture<Void> byPurge = near.nextInvalidation("root.users.42");
        near.invalidateTree("root.users");
        assertThat(byPurge).isDone();

        java.util.concurrent.CompletableFuture<Void> byFlush = near.nextInvalidation("root.users");
        near.trackingLost();
        assertThat(byFlush).isDone();
    }

    @Test
    void evictionDropsEntriesFromTheRegionsIndexSoHitsStayWithinTheBound() {
        near.trackingOn();
        IntStream.range(0, 300).forEach(i -> near.fill(near.region("root.r" + i % 3), "k" + i, TEXT, "v" + i, near.sequence()));
        // Caffeine evicts on its maintenance thread: wait for it, then count what is still served.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(IntStream.range(0, 300)
                .filter(i -> near.get(near.region("root.r" + i % 3), "k" + i, TEXT) != null).count()).isBetween(1L, 100L));
    }

    /**
     * Hits reach Caffeine's eviction policy (one in 16 of them): an entry read all along outlives a
     * stream of entries each filled three times and never read, which a policy that saw only fills
     * would rank above it (three writes each against one). Maintenance runs on the calling thread,
     * so eviction is decided before the test looks.
     */
    @Test
    void anEntryReadAllAlongOutlivesEntriesFilledMoreOftenThanIt() {
        NearCache small = new NearCache(16, Runnable::run);
        small.trackingOn();
        NearCache.RegionEntries region = small.region("root.r");
        small.fill(region, "hot", TEXT, "v", small.sequence());

        for (int cold = 0; cold < 200; cold++) {
            for (int fill = 0; fill < 3; fill++) {
                small.fill(region, "cold" + cold, TEXT, "c", small.sequence());
            }
            for (int hit = 0; hit < 32; hit++) {
                assertThat(small.get(region, "hot", TEXT)).as("hot, after %d cold entries", cold).isEqualTo("v");
            }
        }

        assertThat(small.size()).isLessThanOrEqualTo(16);
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A region's timeout is an expiry of its hash, restarted by writes unless {@code
 * updateResetsTimeout} is false (property 5 of docs/design.md). Time itself is under test: on
 * Redis {@link #passTime} sleeps, on the in-memory store it moves the store's clock.
 */
abstract class TtlContract extends StoreContract {

    // Generous margins: the machine may stall for hundreds of milliseconds between two commands.
    private static final Duration TIMEOUT = Duration.ofMillis(3000);

    @Test
    void aWriteSetsTheTimeout() {
        Region<Object> region = cache.region("ttl", RegionOptions.defaults().withTimeout(TIMEOUT));
        assertThat(region.timeToLive()).isEmpty();

        region.put("k", 1);

        assertThat(region.timeToLive()).hasValueSatisfying(ttl -> assertThat(ttl).isBetween(Duration.ofMillis(1), TIMEOUT));
        assertThat(cache.region("no-timeout.x").timeToLive()).isEmpty();
    }

    @Test
    void theRegionIsGoneAfterItsTimeout() throws InterruptedException {
        Region<Object> region = cache.region("ttl", RegionOptions.defaults().withTimeout(Duration.ofMillis(200)));
        region.put("k", 1);
        passTime(Duration.ofMillis(200));

        await().atMost(Duration.ofSeconds(5)).until(() -> region.get("k") == null);
        assertThat(region.timeToLive()).isEmpty();
        assertThat(region.size()).isZero();
    }

    @Test
    void writesAndCommittedTransactionsRestartTheTimeout() throws InterruptedException {
        Region<Object> region = cache.region("ttl", RegionOptions.defaults().withTimeout(TIMEOUT));
        region.put("k", 1);
        passTime(Duration.ofSeconds(1));
        region.put("k", 2);
        assertThat(remainingMillis(region)).isGreaterThan(2000);

        passTime(Duration.ofSeconds(1));
        region.transaction(tx -> tx.put("k", 3));
        assertThat(remainingMillis(region)).isGreaterThan(2000);

        passTime(Duration.ofSeconds(1));
        region.resetTimeout();
        assertThat(remainingMillis(region)).isGreaterThan(2000);
        assertThat(region.get("k")).isEqualTo(3);
    }

    @Test
    void withoutUpdateResetsTimeoutTheTimeoutRunsFromTheFirstWrite() throws InterruptedException {
        Region<Object> region = cache.region("ttl",
                RegionOptions.defaults().withTimeout(TIMEOUT).withUpdateResetsTimeout(false));
        region.put("k", 1);
        passTime(Duration.ofSeconds(1));
        region.put("k", 2);
        region.transaction(tx -> tx.put("k", 3));

        assertThat(remainingMillis(region)).isLessThanOrEqualTo(2000);
        passTime(Duration.ofMillis(2000));
        await().atMost(Duration.ofSeconds(10)).until(() -> region.get("k") == null);
    }

    @Test
    void putIfAbsentRestartsTheTimeoutWhenItStoresAndLeavesItWhenTheKeyHasAValue() throws InterruptedException {
        Region<Object> region = cache.region("ttl", RegionOptions.defaults().withTimeout(TIMEOUT));
        assertThat(region.putIfAbsent("k", 1)).isNull();
        assertThat(region.timeToLive()).hasValueSatisfying(ttl -> assertThat(ttl).isBetween(Duration.ofMillis(1), TIMEOUT));

        passTime(Duration.ofSeconds(1));
        assertThat(region.putIfAbsent("k", 2)).isEqualTo(1);
        assertThat(remainingMillis(region)).as("nothing was written").isLessThanOrEqualTo(2000);

        assertThat(region.putIfAbsent("other", 3)).isNull();
        assertThat(remainingMillis(region)).isGreaterThan(2000);
    }

    @Test
    void childrenInheritTheirParentsOptions() {
        RegionOptions<String> options = RegionOptions.of(Codecs.utf8()).withTimeout(TIMEOUT).withUpdateResetsTimeout(false);
        Region<String> child = cache.region("parent", options).region("child.grandchild");

        assertThat(child.options()).isEqualTo(options);
        child.put("k", "v");
        assertThat(child.timeToLive()).isPresent();
        assertThat(cache.region("parent").timeToLive()).isEmpty();
    }

    @Test
    void resetTimeoutWithoutATimeoutChangesNothing() {
        Region<Object> region = cache.region("plain");
        region.put("k", 1);

        region.resetTimeout();

        assertThat(region.timeToLive()).isEmpty();
        assertThat(region.get("k")).isEqualTo(1);
    }

    private static long remainingMillis(Region<?> region) {
        return region.timeToLive().orElseThrow().toMillis();
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Property 3 of docs/design.md: no stale write survives an invalidation. */
abstract class CacheAsideRaceContract extends StoreContract {

    @Test
    void aLoadThatStartedBeforeTheRegionWasInvalidatedIsNotStored() throws Exception {
        assertLoadNotStoredAfter(region -> anotherProcess().region("users.42").invalidate());
    }

    @Test
    void aLoadThatStartedBeforeAnAncestorWasInvalidatedIsNotStored() throws Exception {
        assertLoadNotStoredAfter(region -> anotherProcess().region("users").invalidate());
    }

    @Test
    void aLoadThatStartedBeforeTheWholeCacheWasClearedIsNotStored() throws Exception {
        assertLoadNotStoredAfter(region -> anotherProcess().clear());
    }

    @Test
    void aLoadThatStartedBeforeItsKeysWereInvalidatedIsNotStored() throws Exception {
        assertLoadNotStoredAfter(region -> ((CacheRegion<?>) region.async()).apply(Invalidation.keys(List.of("name"))).join());
    }

    @Test
    void aLoadThatStartedBeforeItsKeyWasRemovedIsNotStored() throws Exception {
        assertLoadNotStoredAfter(region -> assertThat(anotherProcess().region("users.42").remove("name")).isFalse());
    }

    @Test
    void removeStillSaysWhetherItRemovedSomethingAndAfterItLoadsAreStored() {
        Region<Object> region = cache.region("users.42");
        region.put("name", "Ada");

        assertThat(region.remove("name")).isTrue();
        assertThat(region.remove("name")).isFalse();
        assertThat(region.getOrCompute("name", () -> "fresh")).isEqualTo("fresh");
        assertThat(region.get("name")).isEqualTo("fresh");
    }

    @Test
    void aLoadAfterTheInvalidationIsStored() {
        Region<Object> region = cache.region("users.42");
        region.invalidate();

        assertThat(region.getOrCompute("name", () -> "fresh")).isEqualTo("fresh");
        assertThat(region.get("name")).isEqualTo("fresh");
    }

    @Test
    void cachedFunctionsObeyTheSameRule() throws Exception {
        Region<Object> region = cache.region("squares");
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> result = CompletableFuture.supplyAsync(() -> region.<Integer>cached(n -> {
            loading.countDown();
            await(release);
            return n * n;
        }).apply(7));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
        region.invalidate();
        release.countDown();

        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(49);
        assertThat(region.get("7")).isNull();
    }

    /** Blocks a loader on a latch, runs {@code invalidation}, releases the loader, checks nothing was stored. */
    private void assertLoadNotStoredAfter(Consumer<Region<Object>> invalidation) throws Exception {
        Region<Object> region = cache.region("users.42");
        region.put("other", "kept until invalidated");
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> result = CompletableFuture.supplyAsync(() -> region.getOrCompute("name", () -> {
            loading.countDown();
            await(release);
            return "stale";
        }));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

        invalidation.accept(region);
        release.countDown();

        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("stale");
        assertThat(region.get("name")).isNull();
        assertThat(anotherProcess().region("users.42").get("name")).isNull();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the loader");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

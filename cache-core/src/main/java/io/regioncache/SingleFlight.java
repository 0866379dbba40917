package io.regioncache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The loads in flight in one process, one future per region, key and codec, as Caffeine keeps
 * them: the first caller that misses runs the load, the others that miss while it runs wait for
 * its future and get its value or its failure. A future leaves the map as soon as it completes,
 * so nothing is cached here and a failed load is retried by the next caller.
 */
final class SingleFlight {

    /** The codec is part of the key: two views of one region with different codecs load apart. */
    private record Load(String region, String key, Codec<?> codec) {
    }

    private final ConcurrentMap<Load, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();

    /**
     * Joins the load of {@code key} in flight, or starts one with {@code load}, which is called at
     * most once per flight and never while another caller's load of the key runs.
     */
    @SuppressWarnings("unchecked")
    <V> CompletableFuture<V> join(String region, String key, Codec<V> codec, Supplier<CompletableFuture<V>> load) {
        Load id = new Load(region, key, codec);
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<?> running = inFlight.putIfAbsent(id, mine);
        if (running != null) {
            return (CompletableFuture<V>) running;
        }
        started(load).whenComplete((value, failure) -> {
            // Out of the map before the waiters run, so that a waiter that misses again starts a new load.
            inFlight.remove(id, mine);
            if (failure != null) {
                mine.completeExceptionally(FailureGuard.unwrap(failure));
            } else {
                mine.complete(value);
            }
        });
        return mine;
    }

    /** The load's future, or a failed one if starting it threw. */
    static <T> CompletableFuture<T> started(Supplier<CompletableFuture<T>> load) {
        try {
            return load.get();
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}

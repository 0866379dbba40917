package io.regioncache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** How the blocking API waits for the asynchronous one. */
final class Await {

    private Await() {
    }

    /**
     * Waits for {@code future} and returns its value, or throws what it failed with, unwrapped, so
     * that the blocking API throws the same exceptions as before it was built on futures. Every
     * store future ends within the command timeout, so the wait is bounded.
     */
    static <T> T result(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new RegionCacheException("The operation failed: " + cause, cause);
        }
    }
}

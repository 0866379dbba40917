package io.regioncache;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce resources (event loops, timers) that the caches of one JVM share when the
 * application lends none: Lettuce asks for one set per application, not one per client. Counted
 * by user: made by the first cache that needs them, shut down when the last one closes, so no
 * thread of theirs outlives the last {@code close()}.
 */
final class SharedClientResources {

    private static ClientResources shared;
    private static int users;

    private SharedClientResources() {
    }

    /** The shared resources, made now if no cache holds them; pair with {@link #release()}. */
    static synchronized ClientResources acquire() {
        if (users++ == 0) {
            // Reconnect attempts back off to at most 1 s (Lettuce's default is 30 s): a cache
            // should come back soon after Redis does.
            shared = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                    .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                    .build();
        }
        return shared;
    }

    /** Gives back what {@link #acquire()} returned; the last user's release shuts them down. */
    static synchronized void release() {
        if (users == 0) {
            throw new IllegalStateException("SharedClientResources released more often than acquired");
        }
        if (--users == 0) {
            shared.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            shared = null;
        }
    }
}

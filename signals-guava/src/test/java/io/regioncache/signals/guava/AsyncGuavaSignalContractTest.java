package io.regioncache.signals.guava;

import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.EventBus;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signals on an {@link AsyncEventBus} keep the signal contract. Its executor (two threads, so that
 * events are delivered concurrently) is the transport's only thread-owning part, and the
 * application's: closing the "transport" here is the application shutting it down.
 */
class AsyncGuavaSignalContractTest extends GuavaSignalContractTest {

    private static final String THREAD_PREFIX = "async-bus-contract-";

    private ExecutorService executor;

    @Override
    EventBus createBus(String identifier) {
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(2, r -> new Thread(r, THREAD_PREFIX + threads.incrementAndGet()));
        return new AsyncEventBus(identifier, executor);
    }

    @Override
    protected void closeTransport() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Override
    protected boolean isTransportThread(Thread thread) {
        return thread.getName().startsWith(THREAD_PREFIX);
    }

    @Override
    protected boolean startsThreads() {
        return true;
    }
}

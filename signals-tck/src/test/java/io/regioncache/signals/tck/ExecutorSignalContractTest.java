package io.regioncache.signals.tck;

import io.regioncache.signals.LocalSignal;
import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Signals;
import io.regioncache.signals.Subscription;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the contract over a transport that subscribes and delivers on a thread of its own, as Redis
 * pub/sub and Kafka do, so that the kit's waiting and thread checks are themselves tested.
 */
class ExecutorSignalContractTest extends SignalContract {

    private static final String THREAD_NAME = "executor-signal-test";

    private LocalSignal source;
    private ExecutorSignal signal;

    @Override
    protected Signal createSignal() {
        source = Signals.named("executor-" + UUID.randomUUID());
        signal = new ExecutorSignal(source);
        return signal;
    }

    @Override
    protected void publish(String key, String payload) {
        source.send(key, payload);
    }

    @Override
    protected void closeTransport() throws InterruptedException {
        signal.close();
    }

    @Override
    protected boolean isTransportThread(Thread thread) {
        return thread.getName().equals(THREAD_NAME);
    }

    @Override
    protected boolean startsThreads() {
        return true;
    }

    /** Subscribes, and delivers each event, later on its single thread. */
    private static final class ExecutorSignal implements Signal {

        private final LocalSignal source;
        private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, THREAD_NAME));

        ExecutorSignal(LocalSignal source) {
            this.source = source;
        }

        @Override
        public String name() {
            return "executor:" + source.name();
        }

        @Override
        public Subscription subscribe(SignalListener listener) {
            Objects.requireNonNull(listener, "listener");
            ExecutorSubscription subscription = new ExecutorSubscription(listener);
            executor.execute(subscription::start);
            return subscription;
        }

        void close() throws InterruptedException {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }

        private final class ExecutorSubscription implements Subscription {

            private final SignalListener listener;
            private Subscription inner;
            private boolean closed;

            ExecutorSubscription(SignalListener listener) {
                this.listener = listener;
            }

            synchronized void start() {
                if (!closed) {
                    inner = source.subscribe(event -> executor.execute(() -> {
                        if (isOpen()) {
                            try {
                                listener.onSignal(new SignalEvent(name(), event.key(), event.payload(), event.timestamp()));
                            } catch (RuntimeException e) {
                                // As a real transport would after logging it: the delivery thread lives on.
                            }
                        }
                    }));
                }
            }

            synchronized boolean isOpen() {
                return !closed;
            }

            @Override
            public synchronized void close() {
                closed = true;
                if (inner != null) {
                    inner.close();
                }
            }
        }
    }
}

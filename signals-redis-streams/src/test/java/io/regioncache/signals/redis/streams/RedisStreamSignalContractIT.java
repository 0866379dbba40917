package io.regioncache.signals.redis.streams;

import io.lettuce.core.resource.Delay;
import io.regioncache.signals.Signal;
import io.regioncache.signals.tck.SignalContract;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/** The signals-tck contract over one stream, grouped subscriptions sharing its entries. */
class RedisStreamSignalContractIT extends SignalContract {

    static {
        // The contract's throwing listener fails on purpose, and each failure is logged as it
        // should be in production; this class runs in a JVM of its own (failsafe reuseForks=false).
        System.setProperty("org.slf4j.simpleLogger.log." + EntryDeliveries.class.getName(), "off");
    }

    private static final String PREFIX = TestRedis.uniquePrefix(RedisStreamSignalContractIT.class);

    private RedisStreamSignals streams;
    private String stream;

    /**
     * Redelivery cut short: the contract's always-throwing listener gets each entry again, and the
     * default bound (about 20 s per entry) would only make the test slower.
     */
    @Override
    protected Signal createSignal() {
        stream = PREFIX + "events-" + System.nanoTime();
        streams = RedisStreamSignals.builder(TestRedis.url())
                .redeliveryAttempts(3)
                .redeliveryDelay(Delay.constant(Duration.ofMillis(10)))
                .build();
        return streams.stream(stream);
    }

    @Override
    protected void publish(String key, String payload) {
        streams.publish(stream, key, payload);
    }

    @Override
    protected void closeTransport() {
        streams.close();
    }

    @Override
    protected boolean isTransportThread(Thread thread) {
        return thread.getName().startsWith(OwnedThreads.PREFIX);
    }

    @Override
    protected boolean startsThreads() {
        return true;
    }

    @Override
    protected boolean supportsSharedGroups() {
        return true;
    }

    @AfterAll
    static void deleteStreams() {
        TestRedis.deleteKeys(PREFIX);
    }
}

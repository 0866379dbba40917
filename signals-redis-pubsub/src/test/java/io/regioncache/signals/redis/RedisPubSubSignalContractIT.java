package io.regioncache.signals.redis;

import io.regioncache.signals.Signal;
import io.regioncache.signals.tck.SignalContract;
import io.regioncache.testsupport.QuietLog;
import io.regioncache.testsupport.TestRedis;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The signals-tck contract over a channel on a standalone Redis; {@link RedisPubSubPatternContractIT}
 * runs it over a pattern and {@link ClusterPubSubContractIT} on a Redis Cluster.
 */
@ExtendWith(QuietLog.class)
class RedisPubSubSignalContractIT extends SignalContract {

    @RegisterExtension
    static final TestConnection publisher = TestConnection.toTestRedis();

    private RedisPubSubSignals redis;
    private String channel;

    @Override
    protected Signal createSignal() {
        String prefix = TestRedis.uniquePrefix(getClass());
        channel = prefix + "orders.eu";
        redis = RedisPubSubSignals.create(redisUrl());
        return signalFor(redis, prefix);
    }

    /** Where the signal under test subscribes. */
    protected String redisUrl() {
        return TestRedis.url();
    }

    /** Publishes as an application would, from its own connection. */
    protected void publishTo(String channel, String payload) {
        publisher.publish(channel, payload);
    }

    /** The signal under test; the suite publishes to channel {@code prefix + "orders.eu"}. */
    protected Signal signalFor(RedisPubSubSignals redis, String prefix) {
        return redis.channel(prefix + "orders.eu");
    }

    /** Redis pub/sub has no key: the event's key is the channel, so {@code key} is not sent. */
    @Override
    protected void publish(String key, String payload) {
        publishTo(channel, payload);
    }

    @Override
    protected void closeTransport() {
        redis.close();
    }

    @Override
    protected boolean isTransportThread(Thread thread) {
        return thread.getName().startsWith("region-cache-redis-pubsub-");
    }

    @Override
    protected boolean startsThreads() {
        return true;
    }

    @Override
    protected boolean carriesKeys() {
        return false;
    }

    /** A PUBLISH always carries a message; there is no null one. */
    @Override
    protected boolean carriesNullPayload() {
        return false;
    }
}

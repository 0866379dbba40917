package io.regioncache.signals.redis;

import io.regioncache.signals.Signal;

/** The signals-tck contract over a PSUBSCRIBE pattern, publishing to a channel it matches. */
class RedisPubSubPatternContractIT extends RedisPubSubSignalContractIT {

    @Override
    protected Signal signalFor(RedisPubSubSignals redis, String prefix) {
        return redis.pattern(prefix + "orders.*");
    }
}

package io.regioncache.benchmarks;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.regioncache.signals.Signal;
import io.regioncache.signals.redis.RedisPubSubSignals;
import java.nio.charset.StandardCharsets;

/** A Redis pub/sub channel on the Redis under test; events are PUBLISHed from another connection. */
final class PubSubSignalSource implements SignalSource {

    private static final byte[] MESSAGE = "changed".getBytes(StandardCharsets.UTF_8);

    private final RedisPubSubSignals signals;
    private final Signal signal;
    private final String channel;
    private final RedisAsyncCommands<String, byte[]> publisher;

    PubSubSignalSource(BenchmarkRedis redis) {
        this.channel = redis.prefix() + "signal";
        this.signals = RedisPubSubSignals.create(redis.redisUrl());
        this.signal = signals.channel(channel);
        this.publisher = redis.connect().async();
    }

    @Override
    public Signal signal() {
        return signal;
    }

    @Override
    public void fire() {
        publisher.publish(channel, MESSAGE);
    }

    @Override
    public void close() {
        signals.close();
    }
}

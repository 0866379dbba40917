package io.regioncache.benchmarks;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.regioncache.signals.Signal;
import io.regioncache.signals.redis.streams.RedisStreamSignals;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A Redis stream on the Redis under test; events are XADDed from another connection, without
 * waiting for the reply, as {@link PubSubSignalSource} publishes. The cache binds with a consumer
 * group, so every event is read with XREADGROUP and acknowledged after the purge.
 */
final class StreamSignalSource implements SignalSource {

    private static final Map<String, byte[]> EVENT = Map.of(
            RedisStreamSignals.KEY_FIELD, "key".getBytes(StandardCharsets.UTF_8),
            RedisStreamSignals.PAYLOAD_FIELD, "changed".getBytes(StandardCharsets.UTF_8));

    private final RedisStreamSignals signals;
    private final Signal signal;
    private final String stream;
    private final RedisAsyncCommands<String, byte[]> publisher;

    StreamSignalSource(BenchmarkRedis redis) {
        this.stream = redis.prefix() + "signal";
        this.signals = RedisStreamSignals.create(redis.redisUrl());
        this.signal = signals.stream(stream);
        this.publisher = redis.connect().async();
    }

    @Override
    public Signal signal() {
        return signal;
    }

    @Override
    public void fire() {
        publisher.xadd(stream, EVENT);
    }

    @Override
    public void close() {
        signals.close();
    }
}

package io.regioncache.signals.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;

/**
 * A real consumer whose commits stop reaching the broker from {@link #crash()} on, as if its
 * process had died just before sending them: the only way, inside one JVM, to have a member stop
 * with records it has handled and not committed. The subscription is not told (a dead process
 * would not be); everything else, leaving the group included, is the real consumer's.
 */
final class CrashingConsumer extends KafkaConsumer<Object, Object> {

    private volatile boolean crashed;

    CrashingConsumer(Map<String, Object> config) {
        super(config);
    }

    /** Drops every later commit. */
    void crash() {
        crashed = true;
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        if (!crashed) {
            super.commitSync(offsets, timeout);
        }
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        if (!crashed) {
            super.commitAsync(offsets, callback);
        }
    }
}

/**
 * Kafka topics as region-cache signals: {@link io.regioncache.signals.kafka.KafkaSignals} in
 * code, or {@code Signals.of("kafka://HOST:PORT[,HOST:PORT]/TOPIC")} through
 * {@link io.regioncache.signals.kafka.KafkaSignalProvider}. A subscription with a group is a Kafka
 * consumer group member whose offsets are committed after its listener returns (at-least-once);
 * one without a group sees every record. See the module README for guarantees and settings.
 */
package io.regioncache.signals.kafka;

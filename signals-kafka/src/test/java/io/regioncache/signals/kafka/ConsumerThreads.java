package io.regioncache.signals.kafka;

import java.util.List;

/** The live threads that consumers of a topic or group run, for tests that check none survives. */
final class ConsumerThreads {

    private ConsumerThreads() {
    }

    /** Our consumer threads of {@code topic}, and Kafka's heartbeat threads of {@code groups}. */
    static List<String> of(String topic, String... groups) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("region-cache-kafka-" + topic + "-")
                        || List.of(groups).stream().anyMatch(group -> name.endsWith("| " + group)))
                .toList();
    }
}

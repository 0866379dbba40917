package io.regioncache.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.EmbeddedKafkaBroker;
import io.regioncache.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;

/** A region bound to a Kafka topic by its properties, on the embedded broker and the test Redis. */
class KafkaBindingIT {

    private static final String PREFIX = TestRedis.uniquePrefix(KafkaBindingIT.class);

    @AfterAll
    static void deleteKeys() {
        TestRedis.deleteKeys(PREFIX);
    }

    @Test
    void aRecordOnTheTopicNamedInThePropertiesPurgesTheRegion() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        String topic = broker.createTopic("orders-changed", 1);
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RegionCacheAutoConfiguration.class))
                .withPropertyValues("region-cache.url=" + TestRedis.url(), "region-cache.key-prefix=" + PREFIX,
                        "region-cache.regions.orders.invalidate-on[0]=kafka://" + broker.bootstrapServers() + "/" + topic)
                .run(context -> {
                    Cache orders = context.getBean(RegionCacheManager.class).getCache("orders.lines");
                    // The binding's new consumer group reports a possible loss once, as it gets its
                    // partition, which purges the region too: a purge in every round is the records'.
                    for (int round = 1; round <= 3; round++) {
                        orders.put("o-1", "open");
                        broker.publish(topic, "o-1", "order o-1 changed, round " + round);
                        await().atMost(Duration.ofSeconds(30)).until(() -> orders.get("o-1") == null);
                    }
                    assertThat(context.getBean(RegionSignalBindings.class).signalNames())
                            .containsKey("root.orders");
                });
    }
}

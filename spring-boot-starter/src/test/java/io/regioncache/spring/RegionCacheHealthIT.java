package io.regioncache.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.testsupport.RedisServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health indicator against a private Redis that the test stops, and its switch. */
class RegionCacheHealthIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(RegionCacheAutoConfiguration.class, RegionCacheHealthAutoConfiguration.class));

    @Test
    void upWhileRedisAppliesPurgesDownWhenItIsGoneUpAgainWhenItIsBack() {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            runner.withPropertyValues("region-cache.url=" + redis.url(), "region-cache.command-timeout=500ms",
                    "region-cache.regions.users.invalidate-on=local:region-cache-health-it").run(context -> {
                        HealthIndicator indicator = context.getBean("regionCacheHealthIndicator", HealthIndicator.class);
                        Health up = indicator.health();
                        assertThat(up.getStatus()).isEqualTo(Status.UP);
                        assertThat(up.getDetails()).containsKey("bindings");

                        redis.stop();
                        Health down = indicator.health();
                        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(down.getDetails().get("error")).asString().startsWith("CacheUnavailableException");

                        redis.restart();
                        // The client reconnects with backoff: UP again once it has.
                        await().atMost(Duration.ofSeconds(20)).until(() -> indicator.health().getStatus().equals(Status.UP));
                    });
        }
    }

    @Test
    void downOnceTheBindingsAreClosed() {
        runner.withPropertyValues("region-cache.store=memory").run(context -> {
            HealthIndicator indicator = context.getBean("regionCacheHealthIndicator", HealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            context.getBean(RegionSignalBindings.class).close();
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void switchedOffByBootsHealthProperty() {
        runner.withPropertyValues("region-cache.store=memory", "management.health.region-cache.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("regionCacheHealthIndicator"));
    }
}

package io.regioncache.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.regioncache.RegionCache;
import io.regioncache.testsupport.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;

/** Which beans the auto-configuration makes from which properties, and how bad ones fail start-up. */
class RegionCacheAutoConfigurationIT {

    private static final String PREFIX = TestRedis.uniquePrefix(RegionCacheAutoConfigurationIT.class);

    // A generous timeout for connecting and each command: the test Redis answers, and a machine
    // loaded enough to take longer than the default 2 s to connect would otherwise turn a Redis
    // that refuses a password into one that cannot be reached (an outage, under which DEGRADE
    // starts the application). Tests that want an unreachable Redis set their own.
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RegionCacheAutoConfiguration.class))
            .withPropertyValues("region-cache.key-prefix=" + PREFIX, "region-cache.command-timeout=1m");

    @AfterAll
    static void deleteKeys() {
        TestRedis.deleteKeys(PREFIX);
    }

    @Test
    void withoutAnyRedisStartUpFailsNamingBothWaysToSetOne() {
        runner.run(context -> {
            FailureAnalysis analysis = analysis(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("region-cache.url").contains("spring.data.redis.url");
            assertThat(analysis.getAction()).contains("region-cache.store=memory");
        });
    }

    @Test
    void bootsSpringDataRedisHostAndPortAreUsedWhenRegionCacheUrlIsUnset() {
        URI redis = URI.create(TestRedis.url());
        runner.withPropertyValues("spring.data.redis.host=" + redis.getHost(), "spring.data.redis.port=" + redis.getPort())
                .run(context -> {
                    RegionCache cache = context.getBean(RegionCache.class);
                    assertThat(cache.toString()).contains(redis.getHost() + ":" + redis.getPort());
                    cache.region("fallback").put("k", "v");
                    String stored = TestRedis.withCommands(commands -> commands.type(PREFIX + "root.fallback"));
                    assertThat(stored).isEqualTo("hash");
                });
    }

    @Test
    void theMemoryStoreNeedsNoRedis() {
        runner.withPropertyValues("region-cache.store=memory").run(context -> {
            RegionCacheManager manager = context.getBean(RegionCacheManager.class);
            manager.getCache("users").put(1L, "ada");
            assertThat(manager.getCache("users").get(1L).get()).isEqualTo("ada");
            assertThat(context.getBean(RegionCache.class).toString()).doesNotContain("redis");
        });
    }

    @Test
    void aConfiguredNearCacheServesRepeatedReadsFromMemory() {
        runner.withPropertyValues("region-cache.url=" + TestRedis.url(), "region-cache.near-cache-size=100").run(context -> {
            RegionCache cache = context.getBean(RegionCache.class);
            Cache users = context.getBean(RegionCacheManager.class).getCache("near.users");
            users.put(1L, "ada");
            // The near cache fills once Redis tracks the connection; from then on reads stay in memory.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                long nearHits = cache.stats().nearHits();
                assertThat(users.get(1L).get()).isEqualTo("ada");
                assertThat(users.get(1L).get()).isEqualTo("ada");
                assertThat(cache.stats().nearHits()).isGreaterThan(nearHits);
            });
        });
    }

    @Test
    void withoutNearCacheSizeEveryReadGoesToRedis() {
        runner.withPropertyValues("region-cache.url=" + TestRedis.url()).run(context -> {
            RegionCache cache = context.getBean(RegionCache.class);
            Cache users = context.getBean(RegionCacheManager.class).getCache("far.users");
            users.put(1L, "ada");
            for (int i = 0; i < 5; i++) {
                assertThat(users.get(1L).get()).isEqualTo("ada");
            }
            assertThat(cache.stats().hits()).isEqualTo(5);
            assertThat(cache.stats().nearHits()).isZero();
        });
    }

    @Test
    void theApplicationsOwnBeansWin() {
        RegionCache own = RegionCache.inMemory();
        runner.withBean(RegionCache.class, () -> own).withBean(CacheManager.class, ConcurrentMapCacheManager::new)
                .run(context -> {
                    assertThat(context.getBean(RegionCache.class)).isSameAs(own);
                    assertThat(context).doesNotHaveBean(RegionCacheManager.class);
                    assertThat(context).hasSingleBean(RegionSignalBindings.class);
                });
        own.close();
    }

    @Test
    void badValuesFailStartUpNamingTheProperty() {
        String url = "region-cache.url=" + TestRedis.url();
        assertFailureNames("region-cache.regions.users.ttl", url, "region-cache.regions.users.ttl=soon");
        assertFailureNames("region-cache.regions.users.codec", url, "region-cache.regions.users.codec=xml");
        assertFailureNames("region-cache.regions.bad..name", url, "region-cache.regions[bad..name.ttl]=1m");
        assertFailureNames("region-cache.root", url, "region-cache.root=a..b");
        assertFailureNames("region-cache.command-timeout", url, "region-cache.command-timeout=-1s");
        assertFailureNames("region-cache.near-cache-size", url, "region-cache.near-cache-size=-1");
        assertFailureNames("region-cache.read-from", url, "region-cache.read-from=slaves");
        assertFailureNames("region-cache.read-replica-url", url, "region-cache.read-replica-url=redis://h1:1,h2:2");
        assertFailureNames("region-cache.url", "region-cache.url=http://127.0.0.1:6379");
        assertFailureNames("region-cache.root", "region-cache.store=memory", "region-cache.root=custom");
        assertFailureNames("region-cache.regions.users.invalidate-on[0]", url,
                "region-cache.regions.users.invalidate-on[0]=nats://127.0.0.1:4222/users");
    }

    @Test
    void aRedisThatRefusesTheUrlsSettingsFailsStartUpNamingTheUrlButNotItsPassword() {
        URI redis = URI.create(TestRedis.url());
        runner.withPropertyValues("region-cache.url=redis://nobody:s3cret-pw@" + redis.getHost() + ":" + redis.getPort())
                .run(context -> {
                    FailureAnalysis analysis = analysis(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("region-cache.url").doesNotContain("s3cret-pw");
                });
    }

    @Test
    void anUnreachableRedisUnderRaiseFailsStartUpNamingThePolicy() {
        runner.withPropertyValues("region-cache.url=redis://127.0.0.1:1", "region-cache.failure-policy=raise",
                        "region-cache.command-timeout=500ms")
                .run(context -> {
                    FailureAnalysis analysis = analysis(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("region-cache.failure-policy=raise");
                    assertThat(analysis.getAction()).contains("degrade");
                });
    }

    @Test
    void valuesOfTheWrongTypeFailInBootsBinderNamingTheProperty() {
        runner.withPropertyValues("region-cache.failure-policy=sometimes").run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("sometimes"));
        runner.withPropertyValues("region-cache.failure-policy=sometimes").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("region-cache.failure-policy"));
    }

    @Test
    void theFailureAnalyzerIsRegisteredWithBoot() throws IOException {
        boolean registered = false;
        for (URL factories : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            Properties entries = new Properties();
            try (InputStream in = factories.openStream()) {
                entries.load(in);
            }
            registered |= entries.getProperty(FailureAnalyzer.class.getName(), "")
                    .contains(RegionCacheFailureAnalyzer.class.getName());
        }
        assertThat(registered).isTrue();
    }

    private void assertFailureNames(String property, String... properties) {
        runner.withPropertyValues(properties).run(context -> {
            FailureAnalysis analysis = analysis(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains(property);
            assertThat(analysis.getAction()).isNotBlank();
        });
    }

    private static FailureAnalysis analysis(Throwable failure) {
        assertThat(failure).isNotNull();
        FailureAnalysis analysis = new RegionCacheFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("analysis of %s", failure).isNotNull();
        return analysis;
    }
}

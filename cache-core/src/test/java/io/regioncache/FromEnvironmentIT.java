package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.testsupport.TestRedis;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every REGION_CACHE_* variable is applied. */
class FromEnvironmentIT {

    private final String prefix = TestRedis.uniquePrefix(FromEnvironmentIT.class);

    @AfterEach
    void cleanUp() {
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void everyVariableIsApplied() {
        Map<String, String> environment = Map.of(
                "REGION_CACHE_URL", TestRedis.url(),
                "REGION_CACHE_ROOT", "app",
                "REGION_CACHE_KEY_PREFIX", prefix,
                "REGION_CACHE_COMMAND_TIMEOUT", "PT3S",
                "REGION_CACHE_FAILURE_POLICY", "raise",
                "REGION_CACHE_SERIAL_FILTER", CodecsTest.Point.class.getName());

        try (RegionCache cache = RegionCache.fromEnvironment(environment)) {
            cache.region("points").put("p", new CodecsTest.Point(1, 2));
            cache.region("points").put("list", List.of(new CodecsTest.Point(3, 4)));
            assertThat(cache.region("points").get("list")).as("the variable extends the default allow-list")
                    .isEqualTo(List.of(new CodecsTest.Point(3, 4)));

            assertThat(cache.toString()).contains("root=app", "keyPrefix=" + prefix, "RAISE", "commandTimeout=PT3S");
            assertThat(cache.region("points").get("p")).isEqualTo(new CodecsTest.Point(1, 2));
            long stored = TestRedis.withCommands(redis -> redis.exists(prefix + "app.points"));
            assertThat(stored).isEqualTo(1);
        }
    }

    @Test
    void aTimeoutInMillisecondsIsAccepted() {
        try (RegionCache cache = RegionCache.fromEnvironment(Map.of("REGION_CACHE_URL", TestRedis.url(),
                "REGION_CACHE_KEY_PREFIX", prefix, "REGION_CACHE_COMMAND_TIMEOUT", "1500"))) {
            cache.region("r").put("k", 1);

            assertThat(cache.region("r").get("k")).isEqualTo(1);
            assertThat(cache.toString()).contains("root=root", "DEGRADE", "commandTimeout=PT1.5S");
        }
    }
}

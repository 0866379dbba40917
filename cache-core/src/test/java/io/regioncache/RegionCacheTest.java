package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The entry points and the builder's checks, none of which needs a Redis. */
class RegionCacheTest {

    @Test
    void buildingWithoutAUrlNeverFallsBackSilently() {
        assertThatThrownBy(() -> RegionCache.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redisUrl").hasMessageContaining("inMemory()");
    }

    @Test
    void theBuilderMakesAnInMemoryCacheOnlyWhenAskedAndNeverWithAUrlToo() {
        try (RegionCache cache = RegionCache.builder().inMemory().rootName("app").recordStats(false).build()) {
            cache.region("r").put("k", 1);

            assertThat(cache.region("r").get("k")).isEqualTo(1);
            assertThat(cache.root().name()).isEqualTo("app");
            assertThat(cache.stats().hits()).as("stats off").isZero();
            assertThat(cache.toString()).contains("in-memory");
        }
        assertThatThrownBy(() -> RegionCache.builder().inMemory().redisUrl("redis://127.0.0.1:1").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("choose one store");
    }

    @Test
    void builderSettersFailFast() {
        RegionCache.Builder builder = RegionCache.builder();

        assertThatThrownBy(() -> builder.rootName("a..b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a..b");
        assertThatThrownBy(() -> builder.commandTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commandTimeout");
        assertThatThrownBy(() -> builder.redisUrl("http://example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://example.com");
        assertThatThrownBy(() -> builder.redisUrl("redis://127.0.0.1:6379/abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid Redis URL 'redis://127.0.0.1:6379/abc': the path must be a database number, "
                        + "as in redis://host:6379/0, but it is 'abc'");
        assertThatThrownBy(() -> builder.redisUrl("redis://u:p/w@127.0.0.1:6379/0/x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0/x'").hasMessageNotContaining("p/w");
        builder.redisUrl("redis://127.0.0.1:6379/").redisUrl("redis://127.0.0.1:6379/3?timeout=5s");
        assertThatNullPointerException().isThrownBy(() -> builder.redisUrl(null)).withMessage("redisUrl");
        assertThatNullPointerException().isThrownBy(() -> builder.keyPrefix(null)).withMessage("keyPrefix");
        assertThatNullPointerException().isThrownBy(() -> builder.failurePolicy(null)).withMessage("failurePolicy");
        assertThatNullPointerException().isThrownBy(() -> builder.defaultOptions(null)).withMessage("defaultOptions");
        assertThatNullPointerException().isThrownBy(() -> builder.clientResources(null)).withMessage("clientResources");
        assertThatThrownBy(() -> builder.serialFilter("!!!")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'!!!'");
        assertThatNullPointerException().isThrownBy(() -> builder.serialFilter(null)).withMessage("filterPattern");
        assertThatNullPointerException().isThrownBy(() -> RegionCache.connect(null));
    }

    @Test
    void fromEnvironmentNeedsAUrlAndNamesTheBadVariable() {
        assertThatThrownBy(() -> RegionCache.fromEnvironment(Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REGION_CACHE_URL").hasMessageContaining("inMemory()");
        assertThatThrownBy(() -> RegionCache.fromEnvironment(Map.of("REGION_CACHE_URL", " "))).isInstanceOf(IllegalStateException.class);
        assertBadVariable("REGION_CACHE_COMMAND_TIMEOUT", "two seconds");
        assertBadVariable("REGION_CACHE_COMMAND_TIMEOUT", "0");
        assertBadVariable("REGION_CACHE_FAILURE_POLICY", "sometimes");
        assertBadVariable("REGION_CACHE_ROOT", "a..b");
        assertBadVariable("REGION_CACHE_SERIAL_FILTER", "maxdepth=deep");
        assertBadVariable("REGION_CACHE_SERIAL_FILTER", "!!!");
    }

    private static void assertBadVariable(String variable, String value) {
        Map<String, String> environment = Map.of("REGION_CACHE_URL", "redis://127.0.0.1:1", variable, value);

        assertThatThrownBy(() -> RegionCache.fromEnvironment(environment)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid " + variable + " '" + value + "'");
    }

    @Test
    void theInMemoryCacheSaysWhatItIsAndRefusesUseAfterClose() {
        RegionCache cache = RegionCache.inMemory();
        Region<Object> region = cache.region("r");
        region.put("k", 1);

        assertThat(cache.toString()).contains("in-memory").contains("root=root");
        cache.close();
        cache.close();

        assertThatThrownBy(() -> region.get("k")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(region::invalidate).isInstanceOf(IllegalStateException.class);
    }
}

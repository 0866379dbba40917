package io.regioncache.signals.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regioncache.signals.Signal;
import io.regioncache.signals.Signals;
import io.regioncache.signals.redis.internal.RedisUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Signals.of} with Redis URIs: only parsing, since no connection is made before a subscription. */
class SignalUrisTest {

    private static final String SECRET = "Sup3r-S3cret-pw";

    @Test
    void channelAndPatternUrisNameTheirTopic() {
        assertThat(Signals.of("redis://127.0.0.1:1?channel=prices").name()).isEqualTo("redis:prices");
        assertThat(Signals.of("rediss://alice:" + SECRET + "@127.0.0.1:1/2?pattern=prices.*&timeout=3s").name())
                .isEqualTo("redis-pattern:prices.*");
    }

    @Test
    void clusterSeedsAndSentinelUrisNameTheirTopicAndHideThePassword() {
        Signal seeds = Signals.of("redis://:" + SECRET + "@127.0.0.1:1,127.0.0.1:2?channel=prices");
        assertThat(seeds.name()).isEqualTo("redis:prices");
        assertThat(seeds.toString()).doesNotContain(SECRET).contains("redis://***@127.0.0.1:1,127.0.0.1:2");
        Signal sentinel = Signals.of("redis-sentinel://:" + SECRET + "@127.0.0.1:1,127.0.0.1:2/0?pattern=prices.*#mymaster");
        assertThat(sentinel.name()).isEqualTo("redis-pattern:prices.*");
        assertThat(sentinel.toString()).doesNotContain(SECRET).contains("redis-sentinel://***@127.0.0.1:1,127.0.0.1:2/0#mymaster");
    }

    @Test
    void channelIsPercentDecodedButPlusStaysAPlus() {
        assertThat(Signals.of("redis://127.0.0.1:1?channel=a%26b%3Fc+d").name()).isEqualTo("redis:a&b?c+d");
    }

    @Test
    void toStringHidesThePassword() {
        Signal signal = Signals.of("redis://alice:" + SECRET + "@127.0.0.1:1/0?channel=orders");
        assertThat(signal.toString()).doesNotContain(SECRET).contains("redis://***@127.0.0.1:1/0").contains("orders");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "redis://127.0.0.1:6379",
        "redis://127.0.0.1:6379?channel=",
        "redis://127.0.0.1:6379?channel=%20",
        "redis://127.0.0.1:6379?pattern",
        "redis://127.0.0.1:6379?channel=a&channel=b",
        "redis://127.0.0.1:6379?channel=a&pattern=b*",
        "redis:orders",
        "redis://alice:" + SECRET + "@127.0.0.1:notaport?channel=a",
        "redis://alice:" + SECRET + "@127.0.0.1:1,,127.0.0.1:2?channel=a",
        "redis://alice:" + SECRET + "@127.0.0.1:1,127.0.0.1:x?channel=a",
    })
    void malformedSignalUrisAreRejectedWithoutShowingThePassword(String uri) {
        assertThatThrownBy(() -> Signals.of(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain(SECRET).contains("'" + RedisUrl.redact(uri).split("\\?")[0]);
    }
}

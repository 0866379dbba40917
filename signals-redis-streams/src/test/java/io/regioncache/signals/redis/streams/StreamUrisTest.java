package io.regioncache.signals.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regioncache.signals.Signal;
import io.regioncache.signals.Signals;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** URIs for Signals.of, read without connecting; passwords never show. */
class StreamUrisTest {

    private static final String SECRET = "Sup3r-S3cret-pw";

    @Test
    void aStreamUriNamesItsSignalAfterTheStreamAndHidesThePassword() {
        Signal signal = Signals.of("redis-stream://alice:" + SECRET + "@127.0.0.1:6379/orders%2Feu?db=2&timeout=3s");

        assertThat(signal.name()).isEqualTo("redis-stream:orders/eu");
        assertThat(signal.toString()).isEqualTo("RedisStreamSignal[orders/eu on redis://***@127.0.0.1:6379/2?timeout=3s]");
        assertThat(Signals.of("rediss-stream://cache.example.org:6380/events").toString())
                .isEqualTo("RedisStreamSignal[events on rediss://cache.example.org:6380]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "redis-stream://alice:" + SECRET + "@127.0.0.1:6379",
            "redis-stream://alice:" + SECRET + "@127.0.0.1:6379/",
            "redis-stream://alice:" + SECRET + "@127.0.0.1:notaport/events",
            "redis-stream://alice:" + SECRET + "@127.0.0.1:6379/events?db=first",
            // Cluster seeds: this adapter talks to one server only.
            "redis-stream://alice:" + SECRET + "@127.0.0.1:7001,127.0.0.1:7002/events",
            "redis-stream:alice:" + SECRET + "@events"})
    void malformedUrisAreRejectedNamingTheFormWithoutThePassword(String uri) {
        assertThatThrownBy(() -> Signals.of(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis-stream://")
                .hasNoCause()
                .message().doesNotContain(SECRET);
    }

    @Test
    void theProvidersServeBothSchemes() {
        assertThat(new RedisStreamSignalProvider().scheme()).isEqualTo("redis-stream");
        assertThat(new SecureRedisStreamSignalProvider().scheme()).isEqualTo("rediss-stream");
        assertThatThrownBy(() -> new RedisStreamSignalProvider().signal(URI.create("redis://127.0.0.1:6379/events")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(StreamUris.FORM);
    }

    @Test
    void builderSettersRejectBadValuesNamingThem() {
        RedisStreamSignals.Builder builder = RedisStreamSignals.builder("redis://alice:" + SECRET + "@127.0.0.1:6379");
        assertThat(builder.toString()).doesNotContain(SECRET).contains("redis://***@127.0.0.1:6379");
        assertThatThrownBy(() -> builder.maxLength(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> builder.redeliveryAttempts(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> builder.claimIdleTime(java.time.Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> RedisStreamSignals.builder("redis://alice:" + SECRET + "@127.0.0.1:port"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(SECRET);
    }
}

package io.regioncache.signals.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.regioncache.testsupport.RedisUrlRedactionVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisUrlTest {

    private static final String SECRET = "Sup3r-S3cret-pw";

    @Test
    void redactGivesWhatCacheCoreShowsForEveryVector() {
        RedisUrlRedactionVectors.VECTORS.forEach((url, redacted) ->
                assertThat(RedisUrl.redact(url)).as(url).isEqualTo(redacted));
    }

    @Test
    void parseReadsUserPasswordDatabaseAndOptions() {
        RedisURI uri = RedisUrl.parse("rediss://alice:" + SECRET + "@example.org:6380/3?timeout=7s&clientName=me");
        RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().block();
        assertThat(credentials.getUsername()).isEqualTo("alice");
        assertThat(new String(credentials.getPassword())).isEqualTo(SECRET);
        assertThat(uri.getHost()).isEqualTo("example.org");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(uri.getDatabase()).isEqualTo(3);
        assertThat(uri.isSsl()).isTrue();
        assertThat(uri.getTimeout()).hasSeconds(7);
        assertThat(uri.getClientName()).isEqualTo("me");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "redis://", "redis://host:notaport", "http://host:6379", "redis://host:6379/x",
            "redis://alice:" + SECRET + "@host:port"})
    void malformedUrlsAreRejectedWithoutShowingThePassword(String url) {
        assertThatThrownBy(() -> RedisUrl.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RedisUrl.redact(url))
                .hasNoCause()
                .message().doesNotContain(SECRET);
    }

    @Test
    void nullUrlIsRejected() {
        assertThatThrownBy(() -> RedisUrl.parse(null)).isInstanceOf(NullPointerException.class).hasMessage("redisUrl");
    }
}

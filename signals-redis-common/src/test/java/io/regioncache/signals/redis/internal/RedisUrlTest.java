package io.regioncache.signals.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.regioncache.testsupport.RedisUrlRedactionVectors;
import java.util.List;
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
            "redis://alice:" + SECRET + "@host:port", "redis://alice:" + SECRET + "@h1:7001,h2:7002"})
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

    @Test
    void seedsEachCarryTheCredentialsDatabaseAndOptionsOfTheUrl() {
        List<RedisURI> seeds = RedisUrl.parseSeeds("rediss://alice:" + SECRET + "@h1:7001,h2,10.0.0.3:7003/0?timeout=4s");
        assertThat(seeds).extracting(RedisURI::getHost).containsExactly("h1", "h2", "10.0.0.3");
        assertThat(seeds).extracting(RedisURI::getPort).containsExactly(7001, RedisURI.DEFAULT_REDIS_PORT, 7003);
        assertThat(seeds).allSatisfy(seed -> {
            RedisCredentials credentials = seed.getCredentialsProvider().resolveCredentials().block();
            assertThat(credentials.getUsername()).isEqualTo("alice");
            assertThat(new String(credentials.getPassword())).isEqualTo(SECRET);
            assertThat(seed.isSsl()).isTrue();
            assertThat(seed.getTimeout()).hasSeconds(4);
        });
    }

    @Test
    void aPasswordWithCommasStaysOnePasswordAcrossSeeds() {
        String password = "p,w,x";
        List<RedisURI> seeds = RedisUrl.parseSeeds("redis://:" + password + "@h1:7001,h2:7002");
        assertThat(seeds).extracting(RedisURI::getHost).containsExactly("h1", "h2");
        assertThat(seeds).allSatisfy(seed -> assertThat(
                new String(seed.getCredentialsProvider().resolveCredentials().block().getPassword())).isEqualTo(password));
    }

    @Test
    void aSingleHostIsOneSeed() {
        assertThat(RedisUrl.parseSeeds("redis://h1:7001/2")).singleElement()
                .satisfies(seed -> assertThat(seed.getPort()).isEqualTo(7001))
                .satisfies(seed -> assertThat(seed.getDatabase()).isEqualTo(2));
    }

    @Test
    void aSentinelUrlIsOneUriHoldingEverySentinelAndTheMasterName() {
        assertThat(RedisUrl.parseSeeds("redis-sentinel://:" + SECRET + "@s1:26379,s2:26380/1#mymaster")).singleElement()
                .satisfies(uri -> {
                    assertThat(uri.getSentinels()).extracting(RedisURI::getHost, RedisURI::getPort)
                            .containsExactly(tuple("s1", 26379),
                                    tuple("s2", 26380));
                    assertThat(uri.getSentinelMasterId()).isEqualTo("mymaster");
                    assertThat(uri.getDatabase()).isEqualTo(1);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://h1:7001,,h2:7002", "redis://h1:7001,", "redis://alice:" + SECRET + "@h1:7001,h2:port",
            "redis://h1:7001, h2:7002", "redis://alice:" + SECRET + "@h1:7001,h2:7002/x"})
    void malformedSeedListsAreRejectedWithoutShowingThePassword(String url) {
        assertThatThrownBy(() -> RedisUrl.parseSeeds(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RedisUrl.redact(url))
                .hasNoCause()
                .message().doesNotContain(SECRET);
    }

    @Test
    void seedsUrlsAreRedactedLikeAnyOther() {
        assertThat(RedisUrl.redact("redis://alice:" + SECRET + "@h1:7001,h2:7002/0"))
                .isEqualTo("redis://***@h1:7001,h2:7002/0");
        assertThat(RedisUrl.redact("redis-sentinel://:" + SECRET + "@s1:26379,s2:26380/0#mymaster"))
                .isEqualTo("redis-sentinel://***@s1:26379,s2:26380/0#mymaster");
    }
}

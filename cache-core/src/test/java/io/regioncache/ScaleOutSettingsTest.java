package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the scale-out settings are read and checked, before anything connects. */
class ScaleOutSettingsTest {

    private static final String SECRET = "s3cret-pw";

    @Test
    void clusterSeedsEachGetTheUrlsCredentialsAndOptions() {
        List<RedisURI> seeds = RedisUrls.parseSeeds("redis://:" + SECRET + "@10.0.0.1:7000,10.0.0.2:7001,node3:7002/0?timeout=3s");

        assertThat(seeds).extracting(RedisURI::getHost).containsExactly("10.0.0.1", "10.0.0.2", "node3");
        assertThat(seeds).extracting(RedisURI::getPort).containsExactly(7000, 7001, 7002);
        assertThat(seeds).allSatisfy(seed -> assertThat(
                seed.getCredentialsProvider().resolveCredentials().block().getPassword()).isEqualTo(SECRET.toCharArray()));
        assertThat(RedisUrls.display(seeds)).isEqualTo("redis://10.0.0.1:7000,10.0.0.2:7001,node3:7002/0");
    }

    @Test
    void aSingleServerAndASentinelUrlAreOneEach() {
        assertThat(RedisUrls.parseSeeds("redis://127.0.0.1:6379/2")).singleElement()
                .satisfies(uri -> assertThat(uri.getDatabase()).isEqualTo(2));
        assertThat(RedisUrls.parseSeeds("redis-sentinel://127.0.0.1:26379,127.0.0.1:26380/0#mymaster")).singleElement()
                .satisfies(uri -> assertThat(uri.getSentinels()).hasSize(2));
    }

    @Test
    void aBadSeedIsRefusedNamingTheUrlWithoutItsPassword() {
        assertThatThrownBy(() -> RegionCache.builder().redisUrl("redis://:" + SECRET + "@h1:7000,,h2:7001"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("an empty seed")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> RegionCache.builder().redisUrl("redis://:" + SECRET + "@h1:7000,h2:port"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(SECRET);
    }

    @Test
    void readFromTakesLettucesNamesAndRefusesOthersListingThem() {
        assertThat(RegionCache.builder().readFrom("replicaPreferred")).isNotNull();
        assertThat(ReadFromNames.parse("UPSTREAM")).isEqualTo(io.lettuce.core.ReadFrom.UPSTREAM);
        assertThatThrownBy(() -> RegionCache.builder().readFrom("slave"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'slave'")
                .hasMessageContaining("upstream, upstreamPreferred, replica, replicaPreferred, nearest, any");
    }

    @Test
    void aReadReplicaIsOneServerOfAStandaloneMaster() {
        assertThatThrownBy(() -> RegionCache.builder().readReplicaUrl("redis://h1:7000,h2:7001"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must name one server");
        assertThatThrownBy(() -> RegionCache.builder().redisUrl("redis://h1:7000,h2:7001")
                .readReplicaUrl("redis://replica:6380").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("use readFrom");
    }

    @Test
    void aKeyPrefixWithABraceIsRefusedForAClusterBeforeConnecting() {
        assertThatThrownBy(() -> RegionCache.builder().redisUrl("redis://127.0.0.1:1,127.0.0.1:2").keyPrefix("app{1}:").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'app{1}:'");
    }
}

package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.testsupport.RedisServerProcess;
import io.regioncache.testsupport.TestRedis;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A binding's group names the Redis server by an id kept in it, not by the address a process
 * used: two names for one server share the group, two servers at look-alike addresses (one
 * sidecar Redis per pod, each at localhost:6379) never do.
 */
class StoreIdentityIT {

    private final String prefix = TestRedis.uniquePrefix(StoreIdentityIT.class);

    @AfterEach
    void cleanUp() {
        TestRedis.deleteKeys(prefix);
    }

    private RegionCache cache(String url) {
        return RegionCache.builder().redisUrl(url).keyPrefix(prefix).build();
    }

    private static String groupOf(RegionCache cache) {
        GroupingSignal signal = new GroupingSignal("saved");
        cache.region("users").invalidateOn(signal);
        return signal.groups().get(0);
    }

    /** The test Redis's URL with its host written another way: by name if it was an address, and back. */
    private static String anotherNameOf(String url) throws UnknownHostException {
        String host = io.lettuce.core.RedisURI.create(url).getHost();
        InetAddress address = InetAddress.getByName(host);
        String other = address.isLoopbackAddress() ? (host.equals("localhost") ? "127.0.0.1" : "localhost")
                : address.getHostAddress();
        assertThat(other).as("a second name for the test Redis at " + host + "; give it by host name").isNotEqualTo(host);
        return url.replaceFirst("([/@])" + java.util.regex.Pattern.quote(host) + ":", "$1" + other + ":");
    }

    @Test
    void twoNamesOfOneRedisShareTheStoreIdentity() throws UnknownHostException {
        try (RegionCache byOneName = cache(TestRedis.url()); RegionCache byAnother = cache(anotherNameOf(TestRedis.url()))) {
            String group = groupOf(byOneName);

            assertThat(groupOf(byAnother)).isEqualTo(group);
            assertThat(group).startsWith("region-cache:").endsWith(":" + prefix + "root.users:saved")
                    .doesNotContain("127.0.0.1").doesNotContain("localhost");
        }
    }

    @Test
    void twoRedisServersNeverShareIt() throws UnknownHostException {
        try (RedisServerProcess first = RedisServerProcess.start("--loglevel", "warning");
             RedisServerProcess second = RedisServerProcess.start("--loglevel", "warning");
             RegionCache onFirst = cache(first.url()); RegionCache alsoOnFirst = cache(anotherNameOf(first.url()));
             RegionCache onSecond = cache(second.url())) {
            String group = groupOf(onFirst);

            assertThat(groupOf(alsoOnFirst)).isEqualTo(group);
            assertThat(groupOf(onSecond)).isNotEqualTo(group);
        }
    }
}

package io.regioncache.cli;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers a URL the library accepted names: one per seed for {@code
 * redis[s]://[user:password@]h1:p1,h2:p2,...}, a Redis Cluster, each with the URL's credentials and
 * options; otherwise the one server (or the Sentinel URL, whose sentinels Lettuce keeps inside it).
 */
final class ClusterSeeds {

    private ClusterSeeds() {
    }

    /** {@code url} must have passed the library's check ({@code RegionCache.Builder.redisUrl}). */
    static List<RedisURI> parse(String url) {
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            return List.of(RedisURI.create(url));
        }
        // The hosts start after the last '@' (a password may contain one) and end at the path or options.
        int hostsStart = Math.max(url.indexOf("://") + 3, url.lastIndexOf('@') + 1);
        int hostsEnd = hostsStart;
        while (hostsEnd < url.length() && "/?#".indexOf(url.charAt(hostsEnd)) < 0) {
            hostsEnd++;
        }
        List<RedisURI> seeds = new ArrayList<>();
        for (String host : url.substring(hostsStart, hostsEnd).split(",")) {
            seeds.add(RedisURI.create(url.substring(0, hostsStart) + host + url.substring(hostsEnd)));
        }
        return List.copyOf(seeds);
    }
}

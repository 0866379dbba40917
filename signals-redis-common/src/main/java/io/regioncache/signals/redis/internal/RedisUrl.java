package io.regioncache.signals.redis.internal;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses Redis URLs for Lettuce, and shows them with their password hidden, the same way for every
 * Redis signal adapter.
 */
public final class RedisUrl {

    private static final String FORMS = "redis://[[user]:password@]host[:port][/db][?option=value...] or rediss://...";
    private static final String SEEDS_FORMS = "redis://[[user]:password@]host[:port][,host[:port]...][/db][?option=value...], "
            + "rediss://... or redis-sentinel://[[user]:password@]host[:port][,host[:port]...][/db]#master";

    private RedisUrl() {
    }

    /**
     * The Lettuce form of {@code url}, which names one server (or, with {@code redis-sentinel://},
     * the Sentinels of one master); a list of seeds is refused here, see {@link #parseSeeds}.
     *
     * @throws IllegalArgumentException if Lettuce cannot read it; the message shows the URL with its
     *                                  password hidden and, since Lettuce's own message and cause may
     *                                  quote the password, keeps neither
     */
    public static RedisURI parse(String url) {
        Objects.requireNonNull(url, "redisUrl");
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Malformed Redis URL '" + redact(url) + "'; expected " + FORMS);
        }
        if (uri.getHost() == null && uri.getSocket() == null && uri.getSentinels().isEmpty()
                || (uri.getHost() != null && !hasServerAuthority(url))) {
            throw new IllegalArgumentException("Redis URL '" + redact(url) + "' names no valid host[:port]; expected "
                    + FORMS);
        }
        return uri;
    }

    /**
     * The servers {@code url} names: one {@link RedisURI} per host of
     * {@code redis[s]://[[user]:password@]host[:port],host[:port],...[/db][?options]}, each with the
     * URL's credentials, database and options (the seeds of a Redis Cluster), or the single one of
     * any other form Lettuce reads. A {@code redis-sentinel://} URL lists its Sentinels itself, so it
     * gives one {@link RedisURI} that holds them all.
     *
     * @throws IllegalArgumentException if any host is malformed or empty; the message shows the URL
     *                                  with its password hidden
     */
    public static List<RedisURI> parseSeeds(String url) {
        Objects.requireNonNull(url, "redisUrl");
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            return List.of(parse(url));
        }
        int hostsStart = url.indexOf("://") + 3;
        int at = url.lastIndexOf('@');
        if (at >= hostsStart) {
            hostsStart = at + 1;
        }
        int hostsEnd = hostsStart;
        while (hostsEnd < url.length() && "/?#".indexOf(url.charAt(hostsEnd)) < 0) {
            hostsEnd++;
        }
        String hosts = url.substring(hostsStart, hostsEnd);
        if (hosts.indexOf(',') < 0) {
            return List.of(parse(url));
        }
        List<RedisURI> seeds = new ArrayList<>();
        for (String host : hosts.split(",", -1)) {
            if (host.isBlank()) {
                throw new IllegalArgumentException("Redis URL '" + redact(url) + "' has an empty host in its list of "
                        + "seeds; expected " + SEEDS_FORMS);
            }
            seeds.add(parseSeed(url.substring(0, hostsStart) + host + url.substring(hostsEnd), url));
        }
        return seeds;
    }

    /** One seed of a list, whose errors name the whole URL it came from. */
    private static RedisURI parseSeed(String seedUrl, String wholeUrl) {
        try {
            return parse(seedUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Redis URL '" + redact(wholeUrl) + "' has a malformed seed '"
                    + redact(seedUrl) + "'; expected " + SEEDS_FORMS);
        }
    }

    /**
     * Whether {@code url} reads as host and numeric port. Lettuce takes "host:notaport" as a host
     * name, which would fail only later, at connect time, with a confusing message.
     */
    private static boolean hasServerAuthority(String url) {
        try {
            return new URI(url).parseServerAuthority().getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * {@code url} with any {@code user:password@} replaced by {@code ***@}: exactly what cache-core
     * shows of a Redis URL, so that one URL reads the same in the logs of the cache and of every
     * Redis signal adapter (the same test vectors check both). Works on malformed URLs too.
     */
    public static String redact(String url) {
        String userInfo = userInfo(url);
        return userInfo.isEmpty() ? url : url.replace(userInfo + "@", "***@");
    }

    /**
     * Everything between {@code ://} and the last {@code @} of the whole string: a password may
     * contain {@code ?}, {@code #}, {@code /} or {@code @}, so stopping at any of them could leave a
     * part of it in view. This may hide a little more than needed, never less.
     */
    private static String userInfo(String url) {
        int start = url.indexOf("://");
        if (start < 0) {
            return "";
        }
        int at = url.lastIndexOf('@');
        return at > start ? url.substring(start + 3, at) : "";
    }
}

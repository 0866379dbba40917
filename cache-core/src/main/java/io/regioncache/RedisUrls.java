package io.regioncache;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Parses Redis URLs and shows them without credentials. */
final class RedisUrls {

    private RedisUrls() {
    }

    /**
     * The servers a URL names: one for a single server or a Sentinel URL (whose sentinels Lettuce
     * keeps inside it), one per seed for {@code redis[s]://[user:password@]h1:p1,h2:p2,.../db}, a
     * Redis Cluster. Each seed gets the URL's credentials, database and options.
     *
     * @throws IllegalArgumentException if the URL or one of its seeds is malformed (never quoting
     *                                  the password)
     */
    static List<RedisURI> parseSeeds(String url) {
        int authority = url.indexOf("://") + 3;
        int hostsStart = Math.max(authority, url.lastIndexOf('@') + 1);
        if (authority < 3 || !(url.startsWith("redis://") || url.startsWith("rediss://"))) {
            return List.of(parse(url));
        }
        int hostsEnd = hostsStart;
        while (hostsEnd < url.length() && "/?#".indexOf(url.charAt(hostsEnd)) < 0) {
            hostsEnd++;
        }
        String hosts = url.substring(hostsStart, hostsEnd);
        if (!hosts.contains(",")) {
            return List.of(parse(url));
        }
        List<RedisURI> seeds = new ArrayList<>();
        for (String host : hosts.split(",", -1)) {
            if (host.isBlank()) {
                throw new IllegalArgumentException("Invalid Redis URL '" + redact(url) + "': an empty seed between commas");
            }
            seeds.add(parse(url.substring(0, hostsStart) + host + url.substring(hostsEnd)));
        }
        return List.copyOf(seeds);
    }

    /**
     * @throws IllegalArgumentException if the URL is malformed; the message shows the URL without
     *                                  its user info, and the parser's exception (which may quote
     *                                  the password) is not kept as the cause
     */
    static RedisURI parse(String url) {
        try {
            requireNumericDatabase(url);
            RedisURI uri = RedisURI.create(url);
            requireHostAndPort(url);
            return uri;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid Redis URL '" + redact(url) + "': "
                    + redactReason(String.valueOf(e.getMessage()), userInfo(url)));
        }
    }

    /**
     * Lettuce reads {@code redis://host:notaport} as a host named "host:notaport" on port 6379;
     * a single-host URL must have a host and a numeric port, as {@link URI} checks.
     */
    private static void requireHostAndPort(String url) {
        if (url.startsWith("redis://") || url.startsWith("rediss://")) {
            URI parsed = URI.create(url);
            if (parsed.getHost() == null) {
                throw new IllegalArgumentException("expected redis[s]://[[user]:password@]host[:port][/database]");
            }
        }
    }

    /**
     * The path of a single-host URL is the database number; Lettuce's own complaint about
     * {@code /abc} is a bare NumberFormatException that does not say which part is wrong.
     */
    private static void requireNumericDatabase(String url) {
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            return;
        }
        // After the user info, which may itself contain '/'.
        String afterUserInfo = url.substring(Math.max(url.indexOf("://") + 3, url.lastIndexOf('@') + 1));
        int slash = afterUserInfo.indexOf('/');
        if (slash < 0) {
            return;
        }
        String path = afterUserInfo.substring(slash + 1).split("[?#]", 2)[0];
        if (!path.isEmpty() && !path.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("the path must be a database number, as in redis://host:6379/0, but it is '"
                    + path + "'");
        }
    }

    /**
     * The parser's complaint without any piece of the user info: on a malformed URL the parser may
     * split it elsewhere than we do and quote a stretch that overlaps it (such as {@code
     * ":password@:..."}), so every piece between {@code :}, {@code @} and {@code /} goes.
     */
    private static String redactReason(String reason, String userInfo) {
        String redacted = userInfo.isEmpty() ? reason : reason.replace(userInfo, "***");
        for (String piece : userInfo.split("[:@/]")) {
            if (piece.length() >= 3) {
                redacted = redacted.replace(piece, "***");
            }
        }
        return redacted;
    }

    /** The URL with any {@code user:password@} replaced by {@code ***@}. */
    static String redact(String url) {
        String userInfo = userInfo(url);
        return userInfo.isEmpty() ? url : url.replace(userInfo + "@", "***@");
    }

    /** {@code scheme://h1:p1,h2:p2/db}: what a cache shows of its cluster seeds. */
    static String display(List<RedisURI> seeds) {
        if (seeds.size() == 1) {
            return display(seeds.get(0));
        }
        StringBuilder hosts = new StringBuilder();
        seeds.forEach(seed -> hosts.append(hosts.length() == 0 ? "" : ",").append(seed.getHost()).append(':').append(seed.getPort()));
        RedisURI first = seeds.get(0);
        return (first.isSsl() ? "rediss" : "redis") + "://" + hosts + "/" + first.getDatabase();
    }

    /** {@code scheme://host:port/db}: what a cache shows of its Redis. */
    static String display(RedisURI uri) {
        if (uri.getSocket() != null) {
            return "redis-socket://" + uri.getSocket();
        }
        if (!uri.getSentinels().isEmpty()) {
            StringBuilder sentinels = new StringBuilder();
            uri.getSentinels().forEach(s -> sentinels.append(sentinels.length() == 0 ? "" : ",")
                    .append(s.getHost()).append(':').append(s.getPort()));
            return "redis-sentinel://" + sentinels + "/" + uri.getDatabase() + "#" + uri.getSentinelMasterId();
        }
        return (uri.isSsl() ? "rediss" : "redis") + "://" + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    /**
     * Everything between {@code ://} and the last {@code @} of the whole string: a password may
     * contain {@code ?}, {@code #} or {@code /}, so stopping at any of them could leave a part of it
     * in view (as signals-redis-pubsub's RedisUrl.redact does). Without {@code ://} before the
     * first {@code @} (such as {@code redis:user:password@host}, a slip of the pen), everything up
     * to the last {@code @}.
     */
    private static String userInfo(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return "";
        }
        int separator = url.indexOf("://");
        return separator >= 0 && separator < url.indexOf('@') ? url.substring(separator + 3, at) : url.substring(0, at);
    }
}

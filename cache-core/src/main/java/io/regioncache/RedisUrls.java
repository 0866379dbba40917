package io.regioncache;

import io.lettuce.core.RedisURI;
import java.net.URI;

/** Parses Redis URLs and shows them without credentials. */
final class RedisUrls {

    private RedisUrls() {
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
            String userInfo = userInfo(url);
            String reason = String.valueOf(e.getMessage());
            if (!userInfo.isEmpty()) {
                reason = reason.replace(userInfo, "***");
            }
            throw new IllegalArgumentException("Invalid Redis URL '" + redact(url) + "': " + reason);
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

    /** The URL with any {@code user:password@} replaced by {@code ***@}. */
    static String redact(String url) {
        String userInfo = userInfo(url);
        return userInfo.isEmpty() ? url : url.replace(userInfo + "@", "***@");
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
     * in view (as signals-redis-pubsub's RedisUrl.redact does).
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

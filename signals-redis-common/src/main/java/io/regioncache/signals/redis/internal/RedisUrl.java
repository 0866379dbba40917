package io.regioncache.signals.redis.internal;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Parses Redis URLs for Lettuce, and shows them with their password hidden, the same way for every
 * Redis signal adapter.
 */
public final class RedisUrl {

    private static final String FORMS = "redis://[[user]:password@]host[:port][/db][?option=value...] or rediss://...";

    private RedisUrl() {
    }

    /**
     * The Lettuce form of {@code url}.
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

package io.regioncache.signals.redis.streams;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Parses Redis URLs for Lettuce, and shows them with their password hidden. The same rules as
 * signals-redis-pubsub's, so that both adapters show a URL the same way; this module may not
 * depend on that one.
 */
final class RedisUrl {

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
    static RedisURI parse(String url) {
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
     * {@code url} with its password replaced by {@code ****}; the user name, if any, is kept.
     * Works on malformed URLs too, by treating everything between "://" and the last '@' as
     * credentials, which may hide a little more than needed but never less.
     */
    static String redact(String url) {
        int start = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (start < 0 || at < start) {
            return url;
        }
        String credentials = url.substring(start + 3, at);
        int colon = credentials.indexOf(':');
        String user = colon < 0 ? "" : credentials.substring(0, colon) + ":";
        return url.substring(0, start + 3) + user + "****" + url.substring(at);
    }
}

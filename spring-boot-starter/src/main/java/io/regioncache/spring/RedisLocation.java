package io.regioncache.spring;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.core.env.Environment;

/**
 * Where the cache's Redis is: {@code region-cache.url}, else Boot's {@code spring.data.redis.url},
 * else a URL made of {@code spring.data.redis.host}, {@code port}, {@code database}, {@code
 * username}, {@code password} and {@code ssl.enabled} when the host or the port is set.
 */
final class RedisLocation {

    static final String SPRING_REDIS = "spring.data.redis.";

    private final String url;
    private final String property;

    private RedisLocation(String url, String property) {
        this.url = url;
        this.property = property;
    }

    /** The Redis URL; it may hold a password, so it is never logged or shown. */
    String url() {
        return url;
    }

    /** The property it came from, for messages about it. */
    String property() {
        return property;
    }

    /**
     * @return the Redis URL and where it was set
     * @throws RegionCacheConfigurationException naming both ways to set one, if neither is set
     */
    static RedisLocation of(RegionCacheProperties properties, Environment environment) {
        if (hasText(properties.getUrl())) {
            return new RedisLocation(properties.getUrl().trim(), "region-cache.url");
        }
        String springUrl = environment.getProperty(SPRING_REDIS + "url");
        if (hasText(springUrl)) {
            return new RedisLocation(springUrl.trim(), SPRING_REDIS + "url");
        }
        String host = environment.getProperty(SPRING_REDIS + "host");
        String port = environment.getProperty(SPRING_REDIS + "port");
        if (hasText(host) || hasText(port)) {
            return new RedisLocation(fromParts(environment, hasText(host) ? host.trim() : "localhost",
                    hasText(port) ? port.trim() : "6379"), SPRING_REDIS + (hasText(host) ? "host" : "port"));
        }
        throw new RegionCacheConfigurationException("region-cache.url",
                "No Redis for region-cache: neither region-cache.url nor spring.data.redis.url "
                        + "(or spring.data.redis.host and spring.data.redis.port) is set",
                "Set region-cache.url=redis://HOST:PORT (or Boot's spring.data.redis.url), "
                        + "or region-cache.store=memory for a cache in this JVM's memory.", null);
    }

    private static String fromParts(Environment environment, String host, String port) {
        boolean ssl = environment.getProperty(SPRING_REDIS + "ssl.enabled", Boolean.class, false);
        String username = environment.getProperty(SPRING_REDIS + "username");
        String password = environment.getProperty(SPRING_REDIS + "password");
        String database = environment.getProperty(SPRING_REDIS + "database", "0").trim();
        StringBuilder url = new StringBuilder(ssl ? "rediss://" : "redis://");
        if (hasText(password)) {
            url.append(hasText(username) ? encode(username) : "").append(':').append(encode(password)).append('@');
        }
        return url.append(host).append(':').append(port).append('/').append(database).toString();
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }
}

package io.regioncache.jcache;

import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.regioncache.Codec;
import io.regioncache.Codecs;
import io.regioncache.RegionCache;
import java.net.URI;
import java.net.URLDecoder;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * What a cache manager's URI chooses: the store of its caches, the {@link RegionCache} that
 * names (and on Redis purges) their regions, and the codec that stores keys and values by value.
 *
 * <p>{@code redis://host:port/db} (or {@code rediss://}) is that Redis; {@code memory:NAME} keeps
 * the caches in this process. Any other URI (the provider's default, or a name) takes the
 * default URL: the system property {@value #URL_PROPERTY}, else the environment variable {@code
 * REGION_CACHE_URL}, else the in-memory store. Query parameters of a Redis URL, or properties of
 * the same names: {@code prefix} (key prefix, default ""), {@code root} (root region, default
 * "root"), {@code serialFilter} (classes the Java-serialization codec may store besides its
 * default allow-list, {@code jdk.serialFilter} syntax, e.g. {@code com.acme.**}), {@code
 * sweepInterval} (how often expired entries nobody reads are removed, ISO-8601, default {@code
 * PT30S}).
 */
record Backend(EntryStore store, RegionCache regions, Codec<Object> codec, Duration sweepInterval) implements AutoCloseable {

    /** The system property that names the default Redis (or {@code memory:}). */
    static final String URL_PROPERTY = "io.regioncache.jcache.url";

    static Backend open(URI managerUri, Properties properties, Supplier<ClientResources> resources) {
        String url = chooseUrl(managerUri);
        Map<String, String> settings = new LinkedHashMap<>();
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("the cache manager URI has a malformed query parameter '"
                            + pair + "': expected name=value");
                }
                settings.put(pair.substring(0, equals),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        properties.stringPropertyNames().forEach(name -> settings.putIfAbsent(name, properties.getProperty(name)));
        String filter = settings.get("serialFilter");
        Codec<Object> codec = filter == null ? Codecs.javaSerialization() : Codecs.javaSerialization(filter);
        Duration sweepInterval = sweepInterval(settings.getOrDefault("sweepInterval", "PT30S"));
        if (!base.startsWith("redis://") && !base.startsWith("rediss://")) {
            return new Backend(new MemoryEntryStore(), RegionCache.inMemory(), codec, sweepInterval);
        }
        String prefix = settings.getOrDefault("prefix", "");
        RegionCache regions = RegionCache.builder().redisUrl(base).keyPrefix(prefix)
                .rootName(settings.getOrDefault("root", "root")).clientResources(resources.get()).build();
        try {
            return new Backend(new RedisEntryStore(RedisURI.create(base), resources.get(), regions, prefix), regions,
                    codec, sweepInterval);
        } catch (RuntimeException e) {
            regions.close();
            throw e;
        }
    }

    /**
     * The URI as messages, {@code toString()} and MXBean names show it: a password in its user
     * info becomes {@code ***} (the user name stays).
     */
    static String display(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return uri.toString();
        }
        int colon = userInfo.indexOf(':');
        String shown = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
        return uri.toString().replace(userInfo + "@", shown + "@");
    }

    private static Duration sweepInterval(String text) {
        Duration interval;
        try {
            interval = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("sweepInterval '" + text + "' is no ISO-8601 duration (PT30S)", e);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("sweepInterval " + text + " must be positive");
        }
        return interval;
    }

    private static String chooseUrl(URI managerUri) {
        String scheme = managerUri.getScheme();
        if ("redis".equals(scheme) || "rediss".equals(scheme) || "memory".equals(scheme)) {
            return managerUri.toString();
        }
        String configured = System.getProperty(URL_PROPERTY);
        if (configured == null) {
            configured = System.getenv("REGION_CACHE_URL");
        }
        return configured == null || configured.isBlank() ? "memory:" : configured;
    }

    /**
     * The full name of a cache's region: the cache name under the root, as {@link
     * RegionCache#region} names it. JCache allows any name, regions do not (no whitespace, no
     * {@code ::}, no empty segment): a name that is no region path becomes one segment with every
     * character but letters, digits, {@code _}, {@code -} and {@code $} percent-encoded ({@code
     * "new cache"} is {@code root.new%20cache}). {@code %} is always encoded, so no two names meet.
     */
    String regionName(String cacheName) {
        String escaped = cacheName.replace("%", "%25");
        try {
            return regions.region(escaped).name();
        } catch (IllegalArgumentException notARegionPath) {
            StringBuilder segment = new StringBuilder();
            for (byte b : cacheName.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if (Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == '$') {
                    segment.append(c);
                } else {
                    segment.append('%').append(String.format("%02X", b & 0xff));
                }
            }
            return regions.region(segment.toString()).name();
        }
    }

    /** Whether the caches live in Redis (else in this process, and {@link #regions} only names them). */
    boolean inRedis() {
        return store instanceof RedisEntryStore;
    }

    @Override
    public void close() {
        store.close();
        regions.close();
    }
}

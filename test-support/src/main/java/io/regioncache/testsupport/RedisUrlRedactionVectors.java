package io.regioncache.testsupport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a Redis URL must read in messages and logs, one vector per case: cache-core's redactor and
 * the one of the Redis signal adapters (signals-redis-common) are each checked against all of them,
 * so that one URL reads the same in the logs of every module.
 */
public final class RedisUrlRedactionVectors {

    /** A password that must never show. */
    public static final String SECRET = "Sup3r-S3cret-pw";

    /** URL to its redacted form, in a stable order. */
    public static final Map<String, String> VECTORS = vectors();

    private RedisUrlRedactionVectors() {
    }

    private static Map<String, String> vectors() {
        Map<String, String> vectors = new LinkedHashMap<>();
        vectors.put("redis://alice:" + SECRET + "@host:6380/2?timeout=5s", "redis://***@host:6380/2?timeout=5s");
        vectors.put("rediss://:" + SECRET + "@host", "rediss://***@host");
        vectors.put("redis://" + SECRET + "@host", "redis://***@host");
        vectors.put("redis://host:6379", "redis://host:6379");
        vectors.put("redis://host:6379/0?clientName=app", "redis://host:6379/0?clientName=app");
        // A password that makes the URL malformed: everything up to the last '@' is hidden.
        vectors.put("redis://bob:pa/ss@w@rd" + SECRET + "@host:6379", "redis://***@host:6379");
        vectors.put("redis://alice:p%40" + SECRET + "@host:6379/0", "redis://***@host:6379/0");
        vectors.put("redis-sentinel://:" + SECRET + "@s1:26379,s2:26379/0#mymaster",
                "redis-sentinel://***@s1:26379,s2:26379/0#mymaster");
        // An '@' after the host hides more than needed, never less.
        vectors.put("redis://host:6379?clientName=a@b", "redis://***@b");
        vectors.put("not a url", "not a url");
        vectors.put("", "");
        return Collections.unmodifiableMap(vectors);
    }
}

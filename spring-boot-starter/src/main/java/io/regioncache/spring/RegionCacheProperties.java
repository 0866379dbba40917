package io.regioncache.spring;

import io.regioncache.FailurePolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings under {@code region-cache.}: where the store is, how the cache behaves, and per
 * region its timeout, codec and signal bindings. Bound once at start-up; a value that cannot be
 * used fails start-up with the property's name.
 */
@ConfigurationProperties("region-cache")
public class RegionCacheProperties {

    /** Which store the cache keeps its regions in. */
    public enum Store {
        /** Redis, at {@code region-cache.url} or Boot's {@code spring.data.redis.*} connection. */
        REDIS,
        /** This JVM's memory: no Redis, shared with no other process; for development and tests. */
        MEMORY
    }

    /**
     * Redis URL, such as redis://[user:password@]host:port/db (rediss:// for TLS). When unset, Boot's
     * spring.data.redis.url, or spring.data.redis.host and port, are used.
     */
    private String url;

    /** Where regions live: redis (the default) or memory (one JVM, no Redis). */
    private Store store = Store.REDIS;

    /** Name of the root region: a cache named "users" is the region root.users. */
    private String root = "root";

    /** Prefix of every Redis key the cache writes; "" shares regions with Python region_cache. */
    private String keyPrefix = "";

    /**
     * What reads and writes do when Redis cannot be reached: DEGRADE (a read is a miss, a write
     * is dropped and logged) or RAISE (both throw). Evictions and purges throw under both.
     */
    private FailurePolicy failurePolicy = FailurePolicy.DEGRADE;

    /** How long a Redis command, and connecting, may take. */
    private Duration commandTimeout = Duration.ofSeconds(2);

    /**
     * How many decoded values each process keeps in memory in front of Redis (a near cache, kept
     * coherent by Redis' client tracking, so it needs Redis 6 or later); 0, the default, keeps
     * none. Hits served from it cost no round trip. Redis only: the memory store ignores it.
     */
    private long nearCacheSize;

    /**
     * A replica of the standalone master named by url, to which plain reads go (get, getAll,
     * containsKey, keys, size, timeToLive); writes, scripts and the reads that fence loads stay on
     * the master. Replication is asynchronous: a read right after a write may miss. Turns the near
     * cache off. Unset by default: reads go to the master.
     */
    private String readReplicaUrl;

    /**
     * Where plain reads go on a Redis Cluster or behind Sentinel: upstream (the default: the
     * masters), upstreamPreferred, replica, replicaPreferred, nearest or any.
     */
    private String readFrom;

    /**
     * Whether a method result of null is cached (as a marker that reads back as a cached null),
     * so that the method is not called again for that key.
     */
    private boolean cacheNullValues = true;

    /**
     * Settings per region, as region-cache.regions.DOTTED.NAME.SETTING: ttl (a duration such as
     * 10m), update-resets-timeout (true by default: writes restart the ttl), codec (java, json,
     * utf8 or bytes), value-type (the class the json codec reads, such as com.acme.User; default
     * maps and lists), serial-filter (classes the java codec allows besides its default list,
     * jdk.serialFilter syntax), load-lease (a duration such as 5s: @Cacheable(sync = true) then
     * loads a key once across every instance on the Redis, the others waiting for its value up to
     * that long; without it, once per instance) and invalidate-on (a list of signal URIs such as
     * local:user-saved, bound at start-up). A region's ttl, update-resets-timeout, codec,
     * value-type, serial-filter and load-lease apply to its descendants unless they set their own.
     */
    private Map<String, String> regions = new LinkedHashMap<>();

    /** The Redis URL, or null to use Boot's {@code spring.data.redis.*} connection. */
    public String getUrl() {
        return url;
    }

    /** Sets the Redis URL. */
    public void setUrl(String url) {
        this.url = url;
    }

    /** The store, {@link Store#REDIS} by default. */
    public Store getStore() {
        return store;
    }

    /** Sets the store. */
    public void setStore(Store store) {
        this.store = store;
    }

    /** The root region's name, {@code "root"} by default. */
    public String getRoot() {
        return root;
    }

    /** Sets the root region's name. */
    public void setRoot(String root) {
        this.root = root;
    }

    /** The Redis key prefix, {@code ""} by default. */
    public String getKeyPrefix() {
        return keyPrefix;
    }

    /** Sets the Redis key prefix. */
    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    /** The failure policy, {@link FailurePolicy#DEGRADE} by default. */
    public FailurePolicy getFailurePolicy() {
        return failurePolicy;
    }

    /** Sets the failure policy. */
    public void setFailurePolicy(FailurePolicy failurePolicy) {
        this.failurePolicy = failurePolicy;
    }

    /** The command timeout, 2 s by default. */
    public Duration getCommandTimeout() {
        return commandTimeout;
    }

    /** Sets the command timeout. */
    public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    /** The near cache's maximum number of entries, 0 (none) by default. */
    public long getNearCacheSize() {
        return nearCacheSize;
    }

    /** Sets the near cache's maximum number of entries. */
    public void setNearCacheSize(long nearCacheSize) {
        this.nearCacheSize = nearCacheSize;
    }

    /** The read replica's URL, or null for none. */
    public String getReadReplicaUrl() {
        return readReplicaUrl;
    }

    /** Sets the read replica's URL. */
    public void setReadReplicaUrl(String readReplicaUrl) {
        this.readReplicaUrl = readReplicaUrl;
    }

    /** Where plain reads go on a cluster or behind Sentinel, or null for the masters. */
    public String getReadFrom() {
        return readFrom;
    }

    /** Sets where plain reads go on a cluster or behind Sentinel. */
    public void setReadFrom(String readFrom) {
        this.readFrom = readFrom;
    }

    /** Whether null results are cached, true by default. */
    public boolean isCacheNullValues() {
        return cacheNullValues;
    }

    /** Sets whether null results are cached. */
    public void setCacheNullValues(boolean cacheNullValues) {
        this.cacheNullValues = cacheNullValues;
    }

    /**
     * The per-region settings as bound: keys such as {@code "users.profiles.ttl"} or {@code
     * "users.invalidate-on[0]"}, relative to {@code region-cache.regions}.
     */
    public Map<String, String> getRegions() {
        return regions;
    }

    /** Sets the per-region settings. */
    public void setRegions(Map<String, String> regions) {
        this.regions = regions;
    }
}

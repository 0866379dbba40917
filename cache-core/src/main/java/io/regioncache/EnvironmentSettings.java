package io.regioncache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings of a {@link RegionCache} read from {@code REGION_CACHE_*} variables, under our names
 * and under Python region_cache's, so that one environment file configures both libraries. Blank
 * means unset; two names for one setting must agree. Immutable once read, and applied to a
 * builder by {@link #applyTo}, so any other source of settings that maps onto these names gets the
 * same checks and messages.
 */
final class EnvironmentSettings {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentSettings.class);

    static final String URL = "REGION_CACHE_URL";
    static final String ROOT = "REGION_CACHE_ROOT";
    static final String KEY_PREFIX = "REGION_CACHE_KEY_PREFIX";
    static final String COMMAND_TIMEOUT = "REGION_CACHE_COMMAND_TIMEOUT";
    static final String FAILURE_POLICY = "REGION_CACHE_FAILURE_POLICY";
    static final String SERIAL_FILTER = "REGION_CACHE_SERIAL_FILTER";
    static final String NEAR_CACHE_SIZE = "REGION_CACHE_NEAR_CACHE_SIZE";
    // Python region_cache's names (REGION_CACHE_HOST and its kin are in HostVariables).
    static final String OP_TIMEOUT = "REGION_CACHE_OP_TIMEOUT";
    static final String OP_TIMEOUT_RAISE = "REGION_CACHE_OP_TIMEOUT_RAISE";
    static final String OP_TIMEOUT_RECONNECT = "REGION_CACHE_OP_TIMEOUT_RECONNECT";
    static final String RECONNECT_BACKOFF = "REGION_CACHE_RECONNECT_BACKOFF";
    static final String RR_URL = "REGION_CACHE_RR_URL";
    static final String READ_FROM = "REGION_CACHE_READ_FROM";

    private final String redisUrl;
    private final String readReplicaUrl;
    // Null where unset: the builder's default applies.
    private final String rootName;
    private final String keyPrefix;
    private final Duration commandTimeout;
    private final FailurePolicy failurePolicy;
    private final String serialFilter;
    private final Long nearCacheSize;
    private final String readFrom;

    private EnvironmentSettings(EnvironmentVariables variables) {
        this.redisUrl = masterUrl(variables);
        this.rootName = variables.parse(ROOT, RegionName::requireValid);
        this.keyPrefix = variables.raw(KEY_PREFIX);
        this.commandTimeout = agreeing(variables, COMMAND_TIMEOUT, EnvironmentVariables::isoOrMillis,
                OP_TIMEOUT, EnvironmentSettings::pythonTimeout);
        this.failurePolicy = agreeing(variables, FAILURE_POLICY, EnvironmentVariables::policy,
                OP_TIMEOUT_RAISE, text -> EnvironmentVariables.flag(text) ? FailurePolicy.RAISE : FailurePolicy.DEGRADE);
        this.serialFilter = variables.parse(SERIAL_FILTER, pattern -> {
            Codecs.javaSerialization(pattern);
            return pattern;
        });
        this.nearCacheSize = variables.parse(NEAR_CACHE_SIZE, EnvironmentSettings::entries);
        acceptReconnectSettings(variables);
        this.readReplicaUrl = replicaUrl(variables, redisUrl);
        this.readFrom = variables.parse(READ_FROM, name -> {
            ReadFromNames.parse(name);
            return name.trim();
        });
    }

    /**
     * @throws IllegalStateException    if no Redis is named ({@code REGION_CACHE_URL}, or
     *                                  {@code REGION_CACHE_HOST} and its kin)
     * @throws IllegalArgumentException naming the variable whose value is invalid, or the two
     *                                  names of one setting that disagree
     */
    static EnvironmentSettings read(Map<String, String> environment) {
        return new EnvironmentSettings(new EnvironmentVariables(environment));
    }

    /** A builder with the settings of {@code environment}; see {@link #read}. */
    static RegionCache.Builder builder(Map<String, String> environment) {
        return read(environment).applyTo(RegionCache.builder());
    }

    /** Sets what these settings set; the rest of {@code builder} is left as it is. */
    RegionCache.Builder applyTo(RegionCache.Builder builder) {
        builder.redisUrl(redisUrl);
        if (rootName != null) {
            builder.rootName(rootName);
        }
        if (keyPrefix != null) {
            builder.keyPrefix(keyPrefix);
        }
        if (commandTimeout != null) {
            builder.commandTimeout(commandTimeout);
        }
        if (failurePolicy != null) {
            builder.failurePolicy(failurePolicy);
        }
        if (serialFilter != null) {
            builder.serialFilter(serialFilter);
        }
        if (nearCacheSize != null) {
            builder.nearCacheSize(nearCacheSize);
        }
        if (readReplicaUrl != null) {
            builder.readReplicaUrl(readReplicaUrl);
        }
        if (readFrom != null) {
            builder.readFrom(readFrom);
        }
        return builder;
    }

    private static long entries(String text) {
        if (!text.matches("\\d{1,18}")) {
            throw new IllegalArgumentException("expected a number of entries, 0 for no near cache");
        }
        return Long.parseLong(text);
    }

    /** The read replica named, if any. */
    Optional<String> readReplicaUrl() {
        return Optional.ofNullable(readReplicaUrl);
    }

    /** What is set, with the Redis URLs as {@code redis://host:port/db}: never credentials. */
    @Override
    public String toString() {
        StringBuilder shown = new StringBuilder("EnvironmentSettings[").append(RedisUrls.display(RedisUrls.parseSeeds(redisUrl)));
        if (readReplicaUrl != null) {
            shown.append(", readReplica=").append(RedisUrls.display(RedisUrls.parse(readReplicaUrl)));
        }
        Map<String, Object> optional = new LinkedHashMap<>();
        optional.put("root", rootName);
        optional.put("keyPrefix", keyPrefix);
        optional.put("commandTimeout", commandTimeout);
        optional.put("failurePolicy", failurePolicy);
        optional.put("serialFilter", serialFilter);
        optional.put("nearCacheSize", nearCacheSize);
        optional.put("readFrom", readFrom);
        optional.forEach((name, value) -> {
            if (value != null) {
                shown.append(", ").append(name).append('=').append(value);
            }
        });
        return shown.append(']').toString();
    }

    /** The URL wins over REGION_CACHE_HOST and its kin, as in Python region_cache. */
    private static String masterUrl(EnvironmentVariables variables) {
        String url = variables.redisUrl(URL);
        List<String> parts = HostVariables.MASTER.setIn(variables);
        if (url != null) {
            sayTheUrlWins(URL, parts);
            return url;
        }
        if (parts.isEmpty()) {
            throw new IllegalStateException(URL + " is not set: set it to redis://host:port/db (or set "
                    + HostVariables.MASTER.host + ", with " + HostVariables.MASTER.port + ", "
                    + HostVariables.MASTER.database + " and " + HostVariables.MASTER.password
                    + " as needed), or use RegionCache.inMemory() for a cache without Redis");
        }
        return HostVariables.MASTER.url(variables, 0);
    }

    private static void sayTheUrlWins(String urlVariable, List<String> ignored) {
        if (!ignored.isEmpty()) {
            LOG.debug("{} is set, so {} {} ignored: the URL wins", urlVariable, String.join(", ", ignored),
                    ignored.size() == 1 ? "is" : "are");
        }
    }

    /**
     * The replica Python region_cache reads from ({@code rr_host}): {@code REGION_CACHE_RR_URL}, else
     * {@code REGION_CACHE_RR_HOST} and its kin with the master's database, as Python does.
     */
    private static String replicaUrl(EnvironmentVariables variables, String masterUrl) {
        String url = variables.redisUrl(RR_URL);
        List<String> parts = HostVariables.REPLICA.setIn(variables);
        if (url != null) {
            sayTheUrlWins(RR_URL, parts);
            return url;
        }
        if (parts.isEmpty()) {
            return null;
        }
        return HostVariables.REPLICA.url(variables, RedisUrls.parseSeeds(masterUrl).get(0).getDatabase());
    }

    /** Python's op_timeout, in seconds; 0 means none to Python, and here leaves the timeout unset. */
    private static Duration pythonTimeout(String text) {
        Duration timeout = EnvironmentVariables.seconds(text);
        if (timeout.isZero()) {
            LOG.debug("{}=0 means no timeout to Python region_cache; commands here always have one, so {} or the default "
                    + "({}) applies", OP_TIMEOUT, COMMAND_TIMEOUT, RedisRegionStore.DEFAULT_COMMAND_TIMEOUT);
            return null;
        }
        return timeout;
    }

    /**
     * Python region_cache drops its connection after a read times out (a redis-py connection that
     * timed out mid-reply cannot be reused) and then stays away from Redis for the backoff. Here a
     * timed-out command leaves the multiplexed connection usable (its late reply is discarded), a
     * lost connection is re-established by the client with a backoff of at most 1 s, and reads fail
     * at once while it is down: so both are checked and accepted, and change nothing.
     */
    private static void acceptReconnectSettings(EnvironmentVariables variables) {
        variables.parse(OP_TIMEOUT_RECONNECT, EnvironmentVariables::flag);
        variables.parse(RECONNECT_BACKOFF, EnvironmentVariables::seconds);
        List<String> set = variables.setAmong(OP_TIMEOUT_RECONNECT, RECONNECT_BACKOFF);
        if (!set.isEmpty()) {
            LOG.debug("{} accepted for Python region_cache and not needed here: a timed-out command leaves the connection "
                    + "usable, and a lost one is re-established with a backoff of at most 1 s", String.join(", ", set));
        }
    }

    /** The value of one setting that has two names, which must agree if both are set. */
    private static <T> T agreeing(EnvironmentVariables variables, String ours, Function<String, T> parseOurs,
                                  String python, Function<String, T> parsePython) {
        T ourValue = variables.parse(ours, parseOurs);
        T pythonValue = variables.parse(python, parsePython);
        if (ourValue != null && pythonValue != null && !ourValue.equals(pythonValue)) {
            throw new IllegalArgumentException(ours + "=" + variables.text(ours) + " (" + ourValue + ") and " + python + "="
                    + variables.text(python) + " (" + pythonValue + ") disagree: they are two names for one setting, "
                    + "set one of them");
        }
        return ourValue != null ? ourValue : pythonValue;
    }
}

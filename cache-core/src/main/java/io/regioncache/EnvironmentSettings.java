package io.regioncache;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/** Reads a {@link RegionCache.Builder} from {@code REGION_CACHE_*} variables; blank means unset. */
final class EnvironmentSettings {

    static final String URL = "REGION_CACHE_URL";
    static final String ROOT = "REGION_CACHE_ROOT";
    static final String KEY_PREFIX = "REGION_CACHE_KEY_PREFIX";
    static final String COMMAND_TIMEOUT = "REGION_CACHE_COMMAND_TIMEOUT";
    static final String FAILURE_POLICY = "REGION_CACHE_FAILURE_POLICY";
    static final String SERIAL_FILTER = "REGION_CACHE_SERIAL_FILTER";

    private EnvironmentSettings() {
    }

    static RegionCache.Builder builder(Map<String, String> environment) {
        String url = value(environment, URL);
        if (url == null) {
            throw new IllegalStateException(URL + " is not set: set it to redis://host:port/db, "
                    + "or use RegionCache.inMemory() for a cache without Redis");
        }
        RegionCache.Builder builder = RegionCache.builder();
        apply(URL, url, builder::redisUrl);
        String root = value(environment, ROOT);
        if (root != null) {
            apply(ROOT, root, builder::rootName);
        }
        String prefix = environment.get(KEY_PREFIX);
        if (prefix != null) {
            builder.keyPrefix(prefix);
        }
        String timeout = value(environment, COMMAND_TIMEOUT);
        if (timeout != null) {
            apply(COMMAND_TIMEOUT, timeout, text -> builder.commandTimeout(duration(text)));
        }
        String policy = value(environment, FAILURE_POLICY);
        if (policy != null) {
            apply(FAILURE_POLICY, policy, text -> builder.failurePolicy(policy(text)));
        }
        String filter = value(environment, SERIAL_FILTER);
        if (filter != null) {
            apply(SERIAL_FILTER, filter, builder::serialFilter);
        }
        return builder;
    }

    private static String value(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Duration duration(String text) {
        try {
            return text.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(text)) : Duration.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("expected an ISO-8601 duration such as PT2S, or milliseconds", e);
        }
    }

    private static FailurePolicy policy(String text) {
        try {
            return FailurePolicy.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected DEGRADE or RAISE", e);
        }
    }

    /** Runs a setter, naming the variable in any complaint; the URL's complaint is already redacted. */
    private static void apply(String variable, String value, java.util.function.Consumer<String> setter) {
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            String shown = variable.equals(URL) ? RedisUrls.redact(value) : value;
            throw new IllegalArgumentException("Invalid " + variable + " '" + shown + "': " + e.getMessage(),
                    variable.equals(URL) ? null : e);
        }
    }
}

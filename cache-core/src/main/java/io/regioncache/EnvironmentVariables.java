package io.regioncache;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code REGION_CACHE_*} variables of one environment. Each parser returns null for an unset
 * variable and throws an {@link IllegalArgumentException} that names the variable and its value;
 * values that may hold a password are never quoted.
 */
final class EnvironmentVariables {

    private final Map<String, String> environment;

    EnvironmentVariables(Map<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The trimmed value, or null if the variable is unset or blank. */
    String text(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The value as given, or null if unset or blank: a key prefix or password is never trimmed. */
    String raw(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** Those of {@code names} that are set, in the given order. */
    List<String> setAmong(String... names) {
        return Arrays.stream(names).filter(name -> raw(name) != null).toList();
    }

    /** Parses a variable whose value is no secret, quoting it in the complaint. */
    <T> T parse(String name, Function<String, T> parser) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + name + " '" + value + "': " + e.getMessage(), e);
        }
    }

    /**
     * A Redis URL; the complaint shows it without its user info and drops the parser's exception,
     * which may quote the password.
     */
    String redisUrl(String name) {
        String value = text(name);
        if (value != null) {
            try {
                RedisUrls.parseSeeds(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid " + name + " '" + RedisUrls.redact(value) + "': " + e.getMessage());
            }
        }
        return value;
    }

    /** ISO-8601 ({@code PT0.5S}) or whole milliseconds; positive. */
    static Duration isoOrMillis(String text) {
        Duration duration;
        try {
            duration = text.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(text)) : Duration.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("expected an ISO-8601 duration such as PT2S, or milliseconds", e);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be positive");
        }
        return duration;
    }

    /** Seconds as Python writes them ({@code 2}, {@code 0.5}); zero or more. */
    static Duration seconds(String text) {
        try {
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.signum() < 0) {
                throw new IllegalArgumentException("expected seconds (such as 0.5), not a negative number");
            }
            Duration duration = Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
            if (duration.isZero() && seconds.signum() > 0) {
                throw new IllegalArgumentException("expected seconds (such as 0.5), not less than a nanosecond");
            }
            return duration;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("expected seconds, such as 2 or 0.5", e);
        }
    }

    /** {@code true} or {@code false} in any case (Python writes {@code True}), or {@code 1} or {@code 0}. */
    static boolean flag(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false (or 1 or 0)");
        };
    }

    static FailurePolicy policy(String text) {
        try {
            return FailurePolicy.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected DEGRADE or RAISE", e);
        }
    }

    static int port(String text) {
        int port = number(text, "expected a port number from 1 to 65535");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("expected a port number from 1 to 65535");
        }
        return port;
    }

    static int database(String text) {
        return number(text, "expected a database number such as 0");
    }

    private static int number(String text, String expected) {
        if (!text.matches("\\d{1,9}")) {
            throw new IllegalArgumentException(expected);
        }
        return Integer.parseInt(text);
    }
}

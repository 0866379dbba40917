package io.regioncache;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The patterns of {@link Codecs#javaSerialization(String)}: checked strictly (the JDK's own parser
 * takes {@code "!!!"} or {@code "a b"} as class names that simply never match, so a typo would
 * silently allow nothing), and combined with the default allow-list so that a pattern extends it.
 */
final class SerialFilters {

    private static final String IDENTIFIER = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";
    private static final String NAME = IDENTIFIER + "(\\." + IDENTIFIER + ")*";
    /** {@code [!][module/](name | name.* | name.** | prefix* | *)}, as jdk.serialFilter reads them. */
    private static final Pattern CLASS_PATTERN = Pattern.compile(
            "!?(" + NAME + "/)?(" + NAME + "(\\.\\*\\*?|\\*)?|\\*)");
    private static final Pattern LIMIT = Pattern.compile("[a-z]+=.*");

    /** The size limits of the default list, kept in front of every extension. */
    static final String DEFAULT_LIMITS = "maxdepth=20;maxrefs=1000000;maxarray=1000000;maxbytes=67108864";
    /** The classes of the default list, which an extension's own patterns come before. */
    static final String DEFAULT_CLASSES = "java.lang.*;java.util.*;java.time.*;java.math.*";

    private SerialFilters() {
    }

    /**
     * The filter that {@code pattern} means as an extension: the default limits, then the
     * pattern (its limits override the defaults, and its class patterns are matched first, so a
     * trailing {@code !*} refuses everything it did not allow), then the default classes.
     *
     * @throws IllegalArgumentException naming the first element that is neither a class or
     *                                  package pattern nor a limit
     */
    static String extendDefault(String pattern) {
        List<String> elements = new ArrayList<>();
        for (String element : pattern.split(";")) {
            String trimmed = element.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!LIMIT.matcher(trimmed).matches() && !CLASS_PATTERN.matcher(trimmed).matches()) {
                throw new IllegalArgumentException("'" + trimmed + "' is neither a class or package pattern "
                        + "(com.acme.Profile, com.acme.*, com.acme.**, com.acme.Prefix*, with ! to refuse) "
                        + "nor a limit (maxdepth=20)");
            }
            elements.add(trimmed);
        }
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("The serialization filter pattern must not be blank");
        }
        return DEFAULT_LIMITS + ";" + String.join(";", elements) + ";" + DEFAULT_CLASSES;
    }

    /** The pattern that would allow {@code type}: its package with {@code .*}, or its name. */
    static String allowing(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        String packageName = element.getPackageName();
        return packageName.isEmpty() ? element.getName() : packageName + ".*";
    }
}

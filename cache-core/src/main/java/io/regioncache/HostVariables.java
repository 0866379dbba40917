package io.regioncache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Redis named the way Python region_cache names one when no URL is given: host, port, database
 * and password in separate variables ({@code REGION_CACHE_HOST}, ...), made into a
 * {@code redis://} URL. The password is percent-encoded into it, so any character works.
 */
final class HostVariables {

    static final HostVariables MASTER = new HostVariables("REGION_CACHE_", true);
    /** The read replica has no database of its own: Python reads the master's on it. */
    static final HostVariables REPLICA = new HostVariables("REGION_CACHE_RR_", false);

    private static final int DEFAULT_PORT = 6379;

    final String host;
    final String port;
    final String password;
    /** Null for the replica. */
    final String database;

    private HostVariables(String prefix, boolean hasDatabase) {
        this.host = prefix + "HOST";
        this.port = prefix + "PORT";
        this.password = prefix + "PASSWORD";
        this.database = hasDatabase ? prefix + "DB" : null;
    }

    /** The names of these variables that are set. */
    List<String> setIn(EnvironmentVariables variables) {
        List<String> names = new ArrayList<>(List.of(host, port, password));
        if (database != null) {
            names.add(database);
        }
        return variables.setAmong(names.toArray(String[]::new));
    }

    /**
     * The URL these variables name; call it only if {@link #setIn} is not empty.
     *
     * @param defaultDatabase the database when this has no variable for it, or it is unset
     * @throws IllegalStateException    if the host is missing (no silent {@code localhost})
     * @throws IllegalArgumentException naming the variable whose value is invalid
     */
    String url(EnvironmentVariables variables, int defaultDatabase) {
        String hostName = variables.parse(host, HostVariables::host);
        if (hostName == null) {
            throw new IllegalStateException(String.join(", ", setIn(variables)) + " set, but not " + host
                    + ": set it (Python region_cache would assume localhost), or give the whole URL");
        }
        Integer portNumber = variables.parse(port, EnvironmentVariables::port);
        Integer databaseNumber = database == null ? null : variables.parse(database, EnvironmentVariables::database);
        String secret = variables.raw(password);
        String url = "redis://" + (secret == null ? "" : ":" + percentEncoded(secret) + "@") + hostName + ":"
                + (portNumber == null ? DEFAULT_PORT : portNumber) + "/"
                + (databaseNumber == null ? defaultDatabase : databaseNumber);
        try {
            RedisUrls.parse(url);
        } catch (IllegalArgumentException e) {
            // Port and database are checked: what a URL cannot hold is the host (a..b, an underscore).
            throw new IllegalArgumentException("Invalid " + host + " '" + variables.text(host)
                    + "': not a host name that a redis:// URL can hold");
        }
        return url;
    }

    /** A host name or IPv4 address as given; an IPv6 address in brackets, as a URL needs it. */
    private static String host(String text) {
        if (text.matches("[A-Za-z0-9]([A-Za-z0-9._-]*)")) {
            return text;
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (bare.contains(":") && bare.matches("[0-9A-Fa-f:.]+")) {
            return "[" + bare + "]";
        }
        throw new IllegalArgumentException("expected a host name or IP address, without scheme or port");
    }

    /**
     * Every byte but the URL's unreserved characters as {@code %XX}: the URL's parser (Lettuce's)
     * decodes it back, and {@code @}, {@code :}, {@code /}, {@code ?} or {@code #} in a password
     * cannot end its user info early.
     */
    private static String percentEncoded(String secret) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : secret.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }
}

package io.regioncache.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDBC URL as a message may show it, and a driver's exception as it may be shown with it. A JDBC
 * URL can carry a password in its parameters ({@code ?user=x&password=...} for PostgreSQL, {@code
 * ;PASSWORD=...} for H2) or in user info ({@code //user:password@host}), and the JDBC classes quote
 * the URL, or a host with that user info, in their own messages.
 */
final class RedactedJdbcUrl {

    private static final String HIDDEN = "***";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)password=([^?;&]*)");

    private final String url;
    private final String shown;
    private final List<String> secrets = new ArrayList<>();

    RedactedJdbcUrl(String url) {
        this.url = url;
        int parameters = indexOfParameters(url);
        String withoutParameters = parameters < 0 ? url : url.substring(0, parameters);
        int at = withoutParameters.lastIndexOf('@');
        String withoutUserInfo = withoutParameters;
        if (at >= 0) {
            int userInfoStart = userInfoStart(withoutParameters, at);
            String userInfo = withoutParameters.substring(userInfoStart, at);
            addSecret(userInfo);
            addSecret(userInfo.replaceFirst("^[^:/]*[:/]", "")); // its password: user:password, or Oracle's user/password
            withoutUserInfo = withoutParameters.substring(0, userInfoStart) + HIDDEN + withoutParameters.substring(at);
        }
        this.shown = parameters < 0 ? withoutUserInfo : withoutUserInfo + url.charAt(parameters) + HIDDEN;
        Matcher passwords = PASSWORD_PARAMETER.matcher(url);
        while (passwords.find()) {
            addSecret(passwords.group(1));
        }
    }

    /**
     * The URL with its parameters (from the first {@code ?} or {@code ;}, where drivers read
     * passwords) and any user info (up to the last {@code @}) replaced by {@code ***}.
     */
    @Override
    public String toString() {
        return shown;
    }

    /**
     * {@code failure} and its causes, each remade with the URL shown as {@link #toString()} and every
     * password in it replaced by {@code ***} in its message, keeping its class name and stack trace.
     */
    Exception hideSecretsIn(Throwable failure) {
        Exception cause = failure.getCause() == null ? null : hideSecretsIn(failure.getCause());
        Exception retold = new Retold(failure.getClass().getName(), hideSecretsIn(failure.getMessage()), cause);
        retold.setStackTrace(failure.getStackTrace());
        return retold;
    }

    /** {@code text} with the URL shown as {@link #toString()} and every password in it replaced. */
    String hideSecretsIn(String text) {
        if (text == null) {
            return null;
        }
        String hidden = text.replace(url, shown);
        for (String secret : secrets) {
            hidden = hidden.replace(secret, HIDDEN);
        }
        return hidden;
    }

    private void addSecret(String secret) {
        if (!secret.isEmpty()) {
            secrets.add(secret);
        }
    }

    private static int indexOfParameters(String url) {
        int query = url.indexOf('?');
        int semicolon = url.indexOf(';');
        return query < 0 || (semicolon >= 0 && semicolon < query) ? semicolon : query;
    }

    /** After {@code //} where the authority holds the user info, else after {@code jdbc:subprotocol:}. */
    private static int userInfoStart(String url, int at) {
        int authority = url.indexOf("//");
        if (authority >= 0 && authority < at) {
            return authority + 2;
        }
        int subprotocolEnd = url.indexOf(':', url.indexOf(':') + 1);
        return subprotocolEnd < 0 || subprotocolEnd > at ? 0 : subprotocolEnd + 1;
    }

    /** A driver's exception retold without secrets, reading as the original did in a stack trace. */
    private static final class Retold extends Exception {

        private static final long serialVersionUID = 1L;

        private final String originalClass;

        Retold(String originalClass, String message, Exception cause) {
            super(message, cause);
            this.originalClass = originalClass;
        }

        @Override
        public String toString() {
            return getMessage() == null ? originalClass : originalClass + ": " + getMessage();
        }
    }
}

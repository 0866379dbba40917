package io.regioncache.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The credentials of the URLs a run was given, and a filter that hides them in anything printed:
 * a client library's message or a stack trace may quote what it was handed.
 */
final class Secrets {

    private final List<String> secrets;

    private Secrets(Set<String> secrets) {
        // Longest first, so that a password containing a shorter secret is hidden whole.
        this.secrets = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The user info and password of every URL among the arguments and {@code environmentUrl} (may be null). */
    static Secrets fromArguments(String[] args, String environmentUrl) {
        Set<String> found = new LinkedHashSet<>();
        Stream.concat(Stream.of(args), Stream.ofNullable(environmentUrl)).forEach(text -> {
            int start = text.indexOf("://");
            // The last '@': a password may itself contain '@', '/', '?' or '#'.
            int at = text.lastIndexOf('@');
            if (start >= 0 && at > start + 3) {
                String userInfo = text.substring(start + 3, at);
                String password = userInfo.substring(userInfo.indexOf(':') + 1);
                for (String secret : List.of(userInfo, password)) {
                    found.add(secret);
                    found.add(URLDecoder.decode(secret.replace("+", "%2B"), StandardCharsets.UTF_8));
                }
            }
        });
        found.remove("");
        return new Secrets(found);
    }

    /** {@code text} with every secret replaced by {@code ***}. */
    String hide(String text) {
        String hidden = text;
        for (String secret : secrets) {
            hidden = hidden.replace(secret, "***");
        }
        return hidden;
    }
}

package io.regioncache;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fully qualified name of a region and its lineage: the names of the root, of each ancestor
 * and of the region itself, which the store needs to link children and check generations.
 */
final class RegionName {

    private final List<String> lineage;

    private RegionName(List<String> lineage) {
        this.lineage = List.copyOf(lineage);
    }

    static RegionName root(String rootName) {
        return new RegionName(List.of(requireValid(rootName)));
    }

    /** The descendant named by {@code relative}, one level per dot-separated segment. */
    RegionName child(String relative) {
        List<String> longer = new ArrayList<>(lineage);
        String name = full();
        for (String segment : requireValid(relative).split("\\.")) {
            name = name + "." + segment;
            longer.add(name);
        }
        return new RegionName(longer);
    }

    String full() {
        return lineage.get(lineage.size() - 1);
    }

    /** Root first, this region last. */
    List<String> lineage() {
        return lineage;
    }

    Optional<RegionName> parent() {
        return lineage.size() == 1 ? Optional.empty() : Optional.of(new RegionName(lineage.subList(0, lineage.size() - 1)));
    }

    /** Whether {@code fullName} is a (direct or deeper) descendant, and if so its name relative to this one. */
    Optional<String> relativeNameOf(String fullName) {
        String prefix = full() + ".";
        return fullName.startsWith(prefix) && fullName.length() > prefix.length()
                ? Optional.of(fullName.substring(prefix.length())) : Optional.empty();
    }

    /**
     * Checks a dot-separated region name.
     *
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException naming the offending part
     */
    static String requireValid(String name) {
        Objects.requireNonNull(name, "region name");
        Optional<String> problem = problemWith(name);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("Invalid region name '" + printable(name) + "': it " + problem.get());
        }
        return name;
    }

    /** What makes {@code name} an invalid region name, or empty if it is a valid one. */
    static Optional<String> problemWith(String name) {
        if (name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (name.contains("::")) {
            return Optional.of("contains '::', which the store reserves for its bookkeeping keys");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                return Optional.of("contains whitespace or a control character at index " + i);
            }
        }
        int surrogate = unpairedSurrogate(name);
        if (surrogate >= 0) {
            return Optional.of("contains an unpaired surrogate at index " + surrogate + ", which UTF-8 (and so Redis) "
                    + "cannot hold");
        }
        if (name.startsWith(".")) {
            return Optional.of("starts with a dot");
        }
        if (name.endsWith(".")) {
            return Optional.of("ends with a dot");
        }
        int empty = name.indexOf("..");
        return empty >= 0 ? Optional.of("has an empty segment at index " + (empty + 1)) : Optional.empty();
    }

    /**
     * Shows control characters and unpaired surrogates as {@code \\uXXXX}, so that a message
     * never carries them raw.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || (Character.isSurrogate(c) && !pairedAt(text, i))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The index of the first UTF-16 surrogate without its other half, or -1. UTF-8 cannot encode
     * one: the Redis client would store {@code '?'} in its place, so two different names or keys
     * would share an entry.
     */
    static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i)) && !pairedAt(text, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean pairedAt(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegionName && ((RegionName) other).lineage.equals(lineage);
    }

    @Override
    public int hashCode() {
        return lineage.hashCode();
    }

    @Override
    public String toString() {
        return full();
    }
}

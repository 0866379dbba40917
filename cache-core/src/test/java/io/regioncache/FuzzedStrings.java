package io.regioncache;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Hostile strings for the fuzz properties: any UTF-16 content (control characters, lone
 * surrogates, astral characters), 10,000-character strings, and the fragments the library gives
 * meaning to ({@code __}, {@code ::}, dots) or that Redis glob patterns would ({@code *?[]\}).
 */
final class FuzzedStrings {

    private static final String[] FRAGMENTS = {"__", "::", ".", "..", "*", "?", "[", "]", "\\", " ", "\t", "\n",
            "\u0000", "\u007f", "\u00a0", "\u2028", "é", "用户", "😀", "\ud800", "root", "root.", "a", "b.c", "%", "@", "/"};

    private FuzzedStrings() {
    }

    /** Short strings of fragments and arbitrary characters, now and then 10,000 characters long. */
    static Arbitrary<String> hostile() {
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(24);
        Arbitrary<String> fragments = Arbitraries.of(FRAGMENTS).list().ofMaxSize(8).map(parts -> String.join("", parts));
        Arbitrary<String> mixed = Arbitraries.oneOf(anyChars, fragments).list().ofMinSize(1).ofMaxSize(4)
                .map(parts -> String.join("", parts));
        Arbitrary<String> huge = Arbitraries.strings().all().ofLength(10_000);
        Arbitrary<String> hugeDotted = Arbitraries.strings().alpha().ofLength(9_999).map(s -> s + ".x");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, mixed), net.jqwik.api.Tuple.of(2, anyChars), net.jqwik.api.Tuple.of(1, huge),
                net.jqwik.api.Tuple.of(1, hugeDotted));
    }

    /** The region-name rules, restated independently of the library: what a valid name looks like. */
    static boolean isValidRegionName(String name) {
        if (name.isEmpty() || name.contains("::") || name.startsWith(".") || name.endsWith(".") || name.contains("..")
                || !isWellFormedUtf16(name)) {
            return false;
        }
        return name.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c));
    }

    /** Every surrogate has its other half, so UTF-8 can encode the text. */
    static boolean isWellFormedUtf16(String text) {
        return java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }

    /** True if {@code text} holds a raw control character (messages must show them escaped). */
    static boolean hasRawControl(String text) {
        return text.chars().anyMatch(c -> Character.isISOControl(c)) || !isWellFormedUtf16(text);
    }
}

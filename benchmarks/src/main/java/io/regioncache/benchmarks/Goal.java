package io.regioncache.benchmarks;

import java.util.Locale;

/**
 * A benchmark goal and how a result is judged against it: most compare region-cache with its
 * baseline in the same run, the signal cases bound a p99 latency.
 */
record Goal(Kind kind, double bound) {

    enum Kind {
        /** candidate time / baseline time must stay at or below the bound. */
        LATENCY_RATIO_AT_MOST,
        /** candidate throughput / baseline throughput must reach the bound. */
        THROUGHPUT_RATIO_AT_LEAST,
        /** baseline time / candidate time (how many times faster) must reach the bound. */
        SPEEDUP_AT_LEAST,
        /** candidate time / baseline time, reported without a goal. */
        OVERHEAD_ONLY,
        /** the candidate's p99 in milliseconds must stay at or below the bound; no baseline. */
        P99_MILLIS_AT_MOST,
        /** the candidate's own score (a throughput), reported without a goal or a baseline. */
        REPORTED_ONLY
    }

    static Goal latencyRatioAtMost(double bound) {
        return new Goal(Kind.LATENCY_RATIO_AT_MOST, bound);
    }

    static Goal throughputRatioAtLeast(double bound) {
        return new Goal(Kind.THROUGHPUT_RATIO_AT_LEAST, bound);
    }

    static Goal speedupAtLeast(double bound) {
        return new Goal(Kind.SPEEDUP_AT_LEAST, bound);
    }

    static Goal overheadOnly() {
        return new Goal(Kind.OVERHEAD_ONLY, Double.NaN);
    }

    static Goal p99MillisAtMost(double bound) {
        return new Goal(Kind.P99_MILLIS_AT_MOST, bound);
    }

    static Goal reportedOnly() {
        return new Goal(Kind.REPORTED_ONLY, Double.NaN);
    }

    boolean needsBaseline() {
        return kind != Kind.P99_MILLIS_AT_MOST && kind != Kind.REPORTED_ONLY;
    }

    /** Whether a result passes or misses: false for figures that are only reported. */
    boolean judged() {
        return kind != Kind.OVERHEAD_ONLY && kind != Kind.REPORTED_ONLY;
    }

    /** The figure this goal bounds: a ratio, a speed-up, or a p99 in milliseconds. */
    double measure(Figure candidate, Figure baseline) {
        return switch (kind) {
            case LATENCY_RATIO_AT_MOST, THROUGHPUT_RATIO_AT_LEAST, OVERHEAD_ONLY -> candidate.score() / baseline.score();
            case SPEEDUP_AT_LEAST -> baseline.score() / candidate.score();
            case P99_MILLIS_AT_MOST -> candidate.toMillis(candidate.p99());
            case REPORTED_ONLY -> candidate.score();
        };
    }

    boolean met(double measured) {
        return switch (kind) {
            case LATENCY_RATIO_AT_MOST, P99_MILLIS_AT_MOST -> measured <= bound;
            case THROUGHPUT_RATIO_AT_LEAST, SPEEDUP_AT_LEAST -> measured >= bound;
            case OVERHEAD_ONLY, REPORTED_ONLY -> true;
        };
    }

    String describe() {
        return switch (kind) {
            case LATENCY_RATIO_AT_MOST -> "<= " + plain(bound) + "x";
            case THROUGHPUT_RATIO_AT_LEAST -> ">= " + plain(bound) + "x";
            case SPEEDUP_AT_LEAST -> ">= " + plain(bound) + "x faster";
            case OVERHEAD_ONLY -> "none (overhead reported)";
            case P99_MILLIS_AT_MOST -> "p99 <= " + plain(bound) + " ms";
            case REPORTED_ONLY -> "none (reported)";
        };
    }

    String describeMeasured(double measured) {
        return switch (kind) {
            case SPEEDUP_AT_LEAST -> ratio(measured) + " faster";
            case P99_MILLIS_AT_MOST -> "p99 " + Figure.number(measured) + " ms";
            case REPORTED_ONLY -> Figure.number(measured) + "/s";
            default -> ratio(measured);
        };
    }

    /** A bound as the issue writes it: 1.1, 20, 0.8. */
    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, value >= 10 ? "%.0fx" : "%.2fx", value);
    }
}

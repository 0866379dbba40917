package io.regioncache.benchmarks;

import java.util.Locale;

/**
 * One benchmark's result as JMH reported it: the score with its error and unit, and the p50 and
 * p99 of the samples (meaningful for SampleTime benchmarks, whose samples are single operations).
 *
 * @param score the mean score
 * @param error JMH's 99.9% confidence half-width, NaN when it has too few iterations to say
 * @param unit JMH's unit, such as {@code us/op} or {@code ops/s}
 * @param p50 the median sample, in {@code unit}
 * @param p99 the 99th percentile sample, in {@code unit}
 */
record Figure(double score, double error, String unit, double p50, double p99) {

    /** Converts a value in this figure's time unit ({@code ns/op}, {@code us/op}, ...) to milliseconds. */
    double toMillis(double value) {
        String perOp = unit.endsWith("/op") ? unit.substring(0, unit.length() - 3) : unit;
        return switch (perOp) {
            case "ns" -> value / 1_000_000;
            case "us" -> value / 1_000;
            case "ms" -> value;
            case "s" -> value * 1_000;
            default -> throw new IllegalArgumentException("Not a time per operation: " + unit);
        };
    }

    /** The score with its error, such as {@code "81.2 ± 3.1 us/op"}. */
    String describe() {
        String error = Double.isNaN(this.error) ? "" : " ± " + number(this.error);
        return number(score) + error + " " + unit;
    }

    static String number(double value) {
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 1_000 ? "%,.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }
}

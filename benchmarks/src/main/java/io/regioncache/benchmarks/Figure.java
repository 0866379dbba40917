package io.regioncache.benchmarks;

import java.util.Locale;

/**
 * One side's result: a score with its unit and how much it varied, and the p50 and p99 of the
 * samples (meaningful for SampleTime benchmarks, whose samples are single operations).
 *
 * @param score the figure compared with the goal: JMH's mean score, or for a paired benchmark the
 *     median of the side's iteration scores
 * @param spread how much the score varied, such as {@code "± 3.1"} or {@code "median, IQR 20.1-24.3"};
 *     empty when unknown
 * @param unit JMH's unit, such as {@code us/op} or {@code ops/s}
 * @param p50 the median sample, in {@code unit}
 * @param p99 the 99th percentile sample, in {@code unit}
 */
record Figure(double score, String spread, String unit, double p50, double p99) {

    /** JMH's score with its 99.9% confidence half-width (NaN when too few iterations to say). */
    static Figure ofMean(double score, double error, String unit, double p50, double p99) {
        return new Figure(score, Double.isNaN(error) ? "" : "± " + number(error), unit, p50, p99);
    }

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

    /** The score with its spread, such as {@code "81.2 us/op (± 3.1)"}. */
    String describe() {
        return number(score) + " " + unit + (spread.isEmpty() ? "" : " (" + spread + ")");
    }

    static String number(double value) {
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 1_000 ? "%,.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }
}

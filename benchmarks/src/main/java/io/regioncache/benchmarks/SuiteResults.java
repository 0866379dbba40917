package io.regioncache.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.Statistics;

/**
 * JMH's results turned into what the table needs, keyed {@code Class.method[:param=value...]}.
 *
 * @param figures one per side: a {@link PairedBenchmark} gives two, the medians of its odd measured
 *     iterations (region-cache) and of its even ones (the baseline); a SampleTime benchmark keeps
 *     JMH's sample percentiles; any other benchmark keeps the median of its iterations
 * @param pairedRatios for each paired region-cache side, the median over adjacent iteration pairs
 *     of region-cache score / baseline score: each pair ran within 200 ms of the same JVM, so the
 *     load on the machine cancels out of it
 */
record SuiteResults(Map<String, Figure> figures, Map<String, Double> pairedRatios) {

    /** {@code regionGetVsLettuceHget}: the method of a {@link PairedBenchmark}, naming both sides. */
    private static final Pattern PAIRED = Pattern.compile("(\\w+)Vs([A-Z]\\w*)");

    static SuiteResults of(Collection<RunResult> results) {
        Map<String, Figure> figures = new TreeMap<>();
        Map<String, Double> pairedRatios = new TreeMap<>();
        for (RunResult run : results) {
            BenchmarkParams params = run.getParams();
            String qualified = params.getBenchmark();
            String className = qualified.substring(qualified.lastIndexOf('.', qualified.lastIndexOf('.') - 1) + 1,
                    qualified.lastIndexOf('.'));
            String methodName = qualified.substring(qualified.lastIndexOf('.') + 1);
            String parameters = params.getParamsKeys().stream()
                    .map(key -> ":" + key + "=" + params.getParam(key))
                    .collect(Collectors.joining());
            String unit = run.getPrimaryResult().getScoreUnit();
            List<List<Double>> forks = iterationScoresByFork(run);
            Matcher paired = PAIRED.matcher(methodName);
            if (paired.matches()) {
                String candidate = className + "." + paired.group(1) + parameters;
                List<List<Double>> sides = alternateIterations(forks);
                figures.put(candidate, median(sides.get(0), unit));
                figures.put(className + "." + decapitalize(paired.group(2)) + parameters, median(sides.get(1), unit));
                pairedRatios.put(candidate, medianPairedRatio(forks));
            } else if (params.getMode() == Mode.SampleTime) {
                Statistics samples = run.getPrimaryResult().getStatistics();
                figures.put(className + "." + methodName + parameters, Figure.ofMean(samples.getMean(),
                        run.getPrimaryResult().getScoreError(), unit, samples.getPercentile(50), samples.getPercentile(99)));
            } else {
                figures.put(className + "." + methodName + parameters,
                        median(forks.stream().flatMap(List::stream).toList(), unit));
            }
        }
        return new SuiteResults(figures, pairedRatios);
    }

    /** Splits each fork's measured iterations: 1st, 3rd, 5th... to side 0, the others to side 1. */
    static List<List<Double>> alternateIterations(List<List<Double>> forks) {
        List<List<Double>> sides = List.of(new ArrayList<>(), new ArrayList<>());
        for (List<Double> iterations : forks) {
            for (int i = 0; i < iterations.size(); i++) {
                sides.get(i % 2).add(iterations.get(i));
            }
        }
        return sides;
    }

    /** The median of iteration 1 / iteration 2, iteration 3 / iteration 4, ... over all forks. */
    static double medianPairedRatio(List<List<Double>> forks) {
        ListStatistics ratios = new ListStatistics();
        for (List<Double> iterations : forks) {
            for (int i = 0; i + 1 < iterations.size(); i += 2) {
                ratios.addValue(iterations.get(i) / iterations.get(i + 1));
            }
        }
        return ratios.getPercentile(50);
    }

    /**
     * The median of a side's iteration scores, with their interquartile range: on a shared machine
     * a few iterations can be many times slower than the rest, and a mean would follow them.
     */
    static Figure median(List<Double> scores, String unit) {
        ListStatistics statistics = new ListStatistics();
        scores.forEach(statistics::addValue);
        double median = statistics.getPercentile(50);
        String spread = "median of " + scores.size() + ", IQR " + Figure.number(statistics.getPercentile(25))
                + "-" + Figure.number(statistics.getPercentile(75));
        return new Figure(median, spread, unit, median, statistics.getPercentile(99));
    }

    private static List<List<Double>> iterationScoresByFork(RunResult run) {
        List<List<Double>> forks = new ArrayList<>();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            forks.add(fork.getIterationResults().stream()
                    .map(IterationResult::getPrimaryResult)
                    .map(Result<?>::getScore)
                    .toList());
        }
        return forks;
    }

    private static String decapitalize(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}

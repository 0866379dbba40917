package io.regioncache.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs the JMH suite against {@code REGION_CACHE_URL} and prints {@link ResultsTable}. Arguments are
 * JMH's own ({@code ./bench -h}): a benchmark regex selects cases, {@code -prof jfr} profiles, and
 * {@code -f}, {@code -i}, {@code -wi}... override the iteration settings of the benchmark classes.
 */
public final class BenchmarkSuite {

    private static final Path OUTPUT = Path.of("benchmarks", "target");
    /** {@code regionGetVsLettuceHget}: the method of a {@link PairedBenchmark}, naming both sides. */
    private static final Pattern PAIRED = Pattern.compile("(\\w+)Vs([A-Z]\\w*)");

    private BenchmarkSuite() {
    }

    /**
     * Runs the selected benchmarks (all by default), then writes the table to standard output and
     * {@code benchmarks/target/results.md}, and JMH's results to {@code jmh-result.json} beside it.
     *
     * @param args JMH command-line options
     * @throws RunnerException if JMH cannot run
     * @throws CommandLineOptionException if the arguments are not JMH options
     * @throws IOException if the results cannot be written
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        Files.createDirectories(OUTPUT);
        String before = Machine.describe();
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .resultFormat(ResultFormatType.JSON)
                .result(OUTPUT.resolve("jmh-result.json").toString())
                .build()).run();
        String report = "## Results\n\n" + before + "Load average after the run: " + Machine.loadAverage() + "\n\n"
                + ResultsTable.render(figures(results));
        Files.writeString(OUTPUT.resolve("results.md"), report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
    }

    /**
     * One figure per side: a plain benchmark keeps JMH's score, error and sample percentiles; a
     * paired one becomes two median figures, of its odd measured iterations (region-cache) and of
     * its even ones (the baseline).
     */
    static Map<String, Figure> figures(Collection<RunResult> results) {
        Map<String, Figure> figures = new TreeMap<>();
        for (RunResult run : results) {
            BenchmarkParams params = run.getParams();
            String method = params.getBenchmark();
            String className = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1,
                    method.lastIndexOf('.'));
            String parameters = params.getParamsKeys().stream()
                    .map(key -> ":" + key + "=" + params.getParam(key))
                    .collect(Collectors.joining());
            Matcher paired = PAIRED.matcher(method.substring(method.lastIndexOf('.') + 1));
            String unit = run.getPrimaryResult().getScoreUnit();
            if (paired.matches()) {
                List<List<Double>> sides = alternateIterations(iterationScoresByFork(run));
                figures.put(className + "." + paired.group(1) + parameters, median(sides.get(0), unit));
                figures.put(className + "." + decapitalize(paired.group(2)) + parameters, median(sides.get(1), unit));
            } else {
                Result<?> primary = run.getPrimaryResult();
                figures.put(className + "." + method.substring(method.lastIndexOf('.') + 1) + parameters,
                        Figure.ofMean(primary.getScore(), primary.getScoreError(), unit,
                                primary.getStatistics().getPercentile(50), primary.getStatistics().getPercentile(99)));
            }
        }
        return figures;
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

    private static List<List<Double>> iterationScoresByFork(RunResult run) {
        List<List<Double>> forks = new ArrayList<>();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            forks.add(fork.getIterationResults().stream()
                    .map(IterationResult::getPrimaryResult)
                    .map(Result::getScore)
                    .toList());
        }
        return forks;
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

    private static String decapitalize(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}

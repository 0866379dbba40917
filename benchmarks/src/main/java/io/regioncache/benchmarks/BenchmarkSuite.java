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
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs the JMH suite against {@code REGION_CACHE_URL} and prints {@link ResultsTable}.
 *
 * <p>Without a benchmark regex it runs the whole plan: each pair whose goal is a ratio near 1
 * (cases 1, 2, 3 and 5) runs twice, region-cache then baseline and later baseline then
 * region-cache, so that a change in the shared machine's load during the run weighs on both sides
 * alike; the purge and signal cases run once. Other JMH options ({@code ./bench -h}) apply to every
 * run; with a regex ({@code ./bench -prof jfr MixedLoad}) it runs just that selection, once.
 */
public final class BenchmarkSuite {

    private static final Path OUTPUT = Path.of("benchmarks", "target");

    private BenchmarkSuite() {
    }

    /**
     * Runs the plan or the selection, then writes the table to standard output and
     * {@code benchmarks/target/results.md}, and JMH's raw results to {@code benchmarks/target/jmh/}.
     *
     * @param args JMH command-line options
     * @throws RunnerException if JMH cannot run
     * @throws CommandLineOptionException if the arguments are not JMH options
     * @throws IOException if the results cannot be written
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        Files.createDirectories(OUTPUT.resolve("jmh"));
        String before = Machine.describe();
        List<RunResult> results = new ArrayList<>();
        if (commandLine.getIncludes().isEmpty()) {
            for (String label : plan()) {
                results.addAll(run(commandLine, label));
            }
        } else {
            results.addAll(new Runner(resultFile(new OptionsBuilder().parent(commandLine), "selection")).run());
        }
        String report = "## Results\n\n" + before + "Load average after the run: " + Machine.loadAverage() + "\n\n"
                + ResultsTable.render(figures(results));
        Files.writeString(OUTPUT.resolve("results.md"), report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
    }

    /** Benchmark labels in running order: the close pairs as A B ... B A, then the rest once. */
    static List<String> plan() {
        List<ResultsTable.Row> close = ResultsTable.ROWS.stream()
                .filter(row -> row.baseline() != null && row.goal().kind() != Goal.Kind.SPEEDUP_AT_LEAST)
                .toList();
        List<String> labels = new ArrayList<>();
        close.forEach(row -> labels.addAll(List.of(row.candidate(), row.baseline())));
        for (int i = close.size() - 1; i >= 0; i--) {
            labels.addAll(List.of(close.get(i).baseline(), close.get(i).candidate()));
        }
        labels.add("PurgeBenchmark");
        labels.add("SignalToPurgeBenchmark");
        return labels;
    }

    /** Runs the benchmarks a label names: {@code Class}, {@code Class.method} or with {@code :param=value}s. */
    private static Collection<RunResult> run(CommandLineOptions commandLine, String label) throws RunnerException {
        String[] parts = label.split(":");
        ChainedOptionsBuilder options = new OptionsBuilder().parent(commandLine)
                .include("^" + Pattern.quote(BenchmarkSuite.class.getPackageName() + "." + parts[0]) + "(\\.|$)");
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            options.param(param[0], param[1]);
        }
        return new Runner(resultFile(options, label.replaceAll("[^A-Za-z0-9.=-]", "_"))).run();
    }

    private static org.openjdk.jmh.runner.options.Options resultFile(ChainedOptionsBuilder options, String name) {
        return options.resultFormat(ResultFormatType.JSON)
                .result(OUTPUT.resolve("jmh").resolve(name + ".json").toString())
                .build();
    }

    /**
     * One figure per label. A label run once keeps JMH's own score, error and sample percentiles;
     * a label run in several forks pools their iteration scores.
     */
    static Map<String, Figure> figures(Collection<RunResult> results) {
        Map<String, List<RunResult>> byLabel = results.stream()
                .collect(Collectors.groupingBy(run -> label(run.getParams()), TreeMap::new, Collectors.toList()));
        Map<String, Figure> figures = new TreeMap<>();
        byLabel.forEach((label, runs) -> figures.put(label, runs.size() == 1 ? figure(runs.get(0)) : pooled(runs)));
        return figures;
    }

    private static Figure figure(RunResult run) {
        Result<?> primary = run.getPrimaryResult();
        return new Figure(primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
                primary.getStatistics().getPercentile(50), primary.getStatistics().getPercentile(99));
    }

    private static Figure pooled(List<RunResult> runs) {
        ListStatistics scores = new ListStatistics();
        for (RunResult run : runs) {
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    scores.addValue(iteration.getPrimaryResult().getScore());
                }
            }
        }
        return new Figure(scores.getMean(), scores.getMeanErrorAt(0.999), runs.get(0).getPrimaryResult().getScoreUnit(),
                scores.getPercentile(50), scores.getPercentile(99));
    }

    /** {@code SimpleClass.method} followed by {@code :name=value} for each JMH parameter. */
    static String label(BenchmarkParams params) {
        String method = params.getBenchmark();
        String shortName = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
        return shortName + params.getParamsKeys().stream()
                .map(key -> ":" + key + "=" + params.getParam(key))
                .collect(Collectors.joining());
    }
}

package io.regioncache.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH suite against {@code REGION_CACHE_URL} and prints {@link ResultsTable}. Arguments are
 * JMH's own ({@code ./bench -h}): a benchmark regex selects cases, {@code -prof jfr} profiles.
 * Iteration counts and forks are set per benchmark class and can be overridden the same way.
 */
public final class BenchmarkSuite {

    private static final Path OUTPUT = Path.of("benchmarks", "target");

    private BenchmarkSuite() {
    }

    /**
     * Runs the selected benchmarks, then writes the table to standard output and
     * {@code benchmarks/target/results.md}, and JMH's raw results to {@code jmh-result.json} beside it.
     *
     * @param args JMH command-line options
     * @throws RunnerException if JMH cannot run
     * @throws CommandLineOptionException if the arguments are not JMH options
     * @throws IOException if the results cannot be written
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        Files.createDirectories(OUTPUT);
        String before = Machine.describe();
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .resultFormat(ResultFormatType.JSON)
                .result(OUTPUT.resolve("jmh-result.json").toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        String report = "## Results\n\n" + before + "Load average after the run: " + Machine.loadAverage() + "\n\n"
                + ResultsTable.render(figures(results));
        Files.writeString(OUTPUT.resolve("results.md"), report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
    }

    static Map<String, Figure> figures(Collection<RunResult> results) {
        Map<String, Figure> figures = new TreeMap<>();
        for (RunResult run : results) {
            Result<?> primary = run.getPrimaryResult();
            figures.put(label(run.getParams()), new Figure(primary.getScore(), primary.getScoreError(),
                    primary.getScoreUnit(), primary.getStatistics().getPercentile(50),
                    primary.getStatistics().getPercentile(99)));
        }
        return figures;
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

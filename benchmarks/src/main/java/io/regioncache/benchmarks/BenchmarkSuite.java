package io.regioncache.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH suite against {@code REGION_CACHE_URL} and prints {@link ResultsTable}. Arguments are
 * JMH's own ({@code ./bench -h}): a benchmark regex selects cases, {@code -prof jfr} profiles, and
 * {@code -f}, {@code -i}, {@code -wi}... override the iteration settings of the benchmark classes.
 */
public final class BenchmarkSuite {

    private static final Path OUTPUT = Path.of("benchmarks", "target");

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
                + ResultsTable.render(SuiteResults.of(results));
        Files.writeString(OUTPUT.resolve("results.md"), report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
    }
}

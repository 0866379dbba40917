package io.regioncache.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    private final Map<String, Figure> figures = new HashMap<>();
    private final Map<String, Double> ratios = new HashMap<>();

    @Test
    void judgesALatencyRatioAgainstItsBound() {
        time("RemoteHitBenchmark.regionGet:valueBytes=100", 105);
        time("RemoteHitBenchmark.lettuceHget:valueBytes=100", 100);
        time("RemoteHitBenchmark.regionGet:valueBytes=10240", 120);
        time("RemoteHitBenchmark.lettuceHget:valueBytes=10240", 100);

        String table = ResultsTable.render(new SuiteResults(figures, ratios));

        assertThat(line(table, "remote hit, 100 B")).contains("| 1.05x | <= 1.1x | pass |");
        assertThat(line(table, "remote hit, 10 KB")).contains("| 1.20x | <= 1.1x | MISS |");
    }

    @Test
    void aPairedCaseIsJudgedOnItsPairedRatioRatherThanOnItsTwoMedians() {
        time("WriteBenchmark.regionPut", 150);
        time("WriteBenchmark.lettuceHsetExpire", 100);
        ratios.put("WriteBenchmark.regionPut", 1.12);

        assertThat(line(ResultsTable.render(new SuiteResults(figures, ratios)), "2. write"))
                .contains("| 1.12x | <= 1.25x | pass |");
    }

    @Test
    void aPurgeIsJudgedByHowManyTimesFasterThanItsBaselineItIs() {
        time("PurgeBenchmark.regionInvalidate", 4);
        time("PurgeBenchmark.pythonWalk", 100);
        time("PurgeBenchmark.springClear", 12);

        String table = ResultsTable.render(new SuiteResults(figures, ratios));

        assertThat(line(table, "vs Python walk")).contains("| 25x faster | >= 20x faster | pass |");
        assertThat(line(table, "vs Spring")).contains("| 3.00x faster | >= 5x faster | MISS |");
    }

    @Test
    void throughputMustReachItsShareOfTheBaseline() {
        figures.put("MixedLoadBenchmark.regionMixed", Figure.ofMean(8_500, 100, "ops/s", 0, 0));
        figures.put("MixedLoadBenchmark.lettuceMixed", Figure.ofMean(10_000, 100, "ops/s", 0, 0));

        assertThat(line(ResultsTable.render(new SuiteResults(figures, ratios)), "16 threads")).contains("| 0.85x | >= 0.8x | pass |");
    }

    @Test
    void signalRowsAreJudgedOnTheirP99InMilliseconds() {
        figures.put("SignalToPurgeBenchmark.signalToPurge:transport=redis-pubsub",
                Figure.ofMean(900, 10, "us/op", 800, 6_000));

        assertThat(line(ResultsTable.render(new SuiteResults(figures, ratios)), "Redis pub/sub"))
                .contains("| p50 0.800 ms, p99 6.00 ms | - | p99 6.00 ms | p99 <= 5 ms | MISS |");
    }

    @Test
    void reportedFiguresAreShownButNeitherPassNorMiss() {
        figures.put("StreamThroughputBenchmark.applyBatch", Figure.ofMean(7_000, 100, "ops/s", 0, 0));

        String table = ResultsTable.render(new SuiteResults(figures, ratios));

        assertThat(line(table, "events applied per second")).contains("| 7,000/s | none (reported) | - |");
        assertThat(table).endsWith("0 of 17 goals met (17 not run)\n");
    }

    @Test
    void casesWithoutFiguresReadNotRunAndAreCountedApart() {
        time("WriteBenchmark.regionPut", 110);
        time("WriteBenchmark.lettuceHsetExpire", 100);

        String table = ResultsTable.render(new SuiteResults(figures, ratios));

        assertThat(line(table, "Kafka")).contains("| not measured | - | - | p99 <= 50 ms | not run |");
        assertThat(table).endsWith("1 of 17 goals met (16 not run)\n");
    }

    private void time(String label, double microseconds) {
        figures.put(label, Figure.ofMean(microseconds, 1, "us/op", microseconds, microseconds));
    }

    private static String line(String table, String title) {
        return table.lines().filter(row -> row.contains(title)).findFirst().orElseThrow();
    }
}

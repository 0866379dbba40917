package io.regioncache.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * The table {@code ./bench} prints: every case with its figures, the ratio to its
 * baseline measured in the same run, and its goal. Figures are keyed by benchmark label, such as
 * {@code RemoteHitBenchmark.regionGet:valueBytes=100} (see {@link BenchmarkSuite#label}).
 */
final class ResultsTable {

    /** One line of the table: a candidate benchmark, the baseline it is compared with, the goal. */
    record Row(String title, String candidate, String baseline, Goal goal) {
    }

    static final List<Row> ROWS = List.of(
            remoteHitRow("100 B", 100),
            remoteHitRow("10 KB", 10_240),
            new Row("2. write: Region.put vs HSET+PEXPIRE in one round trip",
                    "WriteBenchmark.regionPut", "WriteBenchmark.lettuceHsetExpire",
                    Goal.latencyRatioAtMost(1.25)),
            new Row("3. 16 threads, 90% get / 10% put: throughput vs async Lettuce",
                    "MixedLoadBenchmark.regionMixed", "MixedLoadBenchmark.lettuceMixed",
                    Goal.throughputRatioAtLeast(0.8)),
            new Row("4. purge 1,000 regions x 100 entries: invalidate() vs Python walk",
                    "PurgeBenchmark.regionInvalidate", "PurgeBenchmark.pythonWalk",
                    Goal.speedupAtLeast(20)),
            new Row("4. purge 100k entries: invalidate() vs Spring RedisCache.clear()",
                    "PurgeBenchmark.regionInvalidate", "PurgeBenchmark.springClear",
                    Goal.speedupAtLeast(5)),
            new Row("5. getOrCompute miss vs HGET + loader + HSET/PEXPIRE",
                    "GetOrComputeBenchmark.regionGetOrCompute", "GetOrComputeBenchmark.lettuceGetLoadWrite",
                    Goal.latencyRatioAtMost(1.25)),
            signalRow("local signal", "local", 1),
            signalRow("Guava EventBus", "guava", 1),
            signalRow("Redis pub/sub", "redis-pubsub", 5),
            signalRow("Redis Streams", "redis-streams", 5),
            signalRow("Kafka (embedded broker)", "kafka", 50),
            new Row("7. events applied per second, Redis Streams binding with a keys rule",
                    "StreamThroughputBenchmark.applyBatch", null, Goal.reportedOnly()),
            new Row("8. async get, 1,000 in flight from one thread: throughput vs async Lettuce",
                    "AsyncGetBenchmark.regionAsyncGet", "AsyncGetBenchmark.lettuceAsyncHget",
                    Goal.throughputRatioAtLeast(0.8)),
            new Row("9. remote hit, stats on vs off",
                    "StatsCostBenchmark.statsOnGet", "StatsCostBenchmark.statsOffGet",
                    Goal.latencyRatioAtMost(1.05)),
            new Row("9. in-memory hit, stats on vs off",
                    "LocalStatsCostBenchmark.localStatsOnGet", "LocalStatsCostBenchmark.localStatsOffGet",
                    Goal.overheadOnly()),
            new Row("10. near hit vs raw Caffeine getIfPresent, 1 entry",
                    "NearHitBenchmark.nearGet", "NearHitBenchmark.caffeineGetIfPresent",
                    Goal.latencyRatioAtMost(2)),
            new Row("10. near hit vs raw Caffeine getIfPresent, 8,000 entries (policy awake)",
                    "NearWorkingSetBenchmark.nearGet", "NearWorkingSetBenchmark.caffeineGetIfPresent",
                    Goal.overheadOnly()),
            new Row("10. near hit vs remote hit",
                    "NearVsRemoteHitBenchmark.nearGet", "NearVsRemoteHitBenchmark.remoteGet",
                    Goal.speedupAtLeast(100)),
            new Row("11. write by B to invalidation in A's near cache",
                    "NearInvalidationDelayBenchmark.writeToNearInvalidation", null, Goal.p99MillisAtMost(2)),
            new Row("13. remote hit, 100 B: JCache Cache.get vs Region.get (the adapter's overhead)",
                    "JCacheGetBenchmark.jcacheGet", "JCacheGetBenchmark.regionGet", Goal.overheadOnly()),
            new Row("14. Hibernate find, fresh session: second-level hit (JCache on Redis) vs PostgreSQL read",
                    "HibernateSecondLevelBenchmark.secondLevelHit", "HibernateSecondLevelBenchmark.databaseRead",
                    Goal.overheadOnly()));

    private ResultsTable() {
    }

    private static Row remoteHitRow(String size, int bytes) {
        return new Row("1. remote hit, " + size + ": Region.get vs Lettuce HGET",
                "RemoteHitBenchmark.regionGet:valueBytes=" + bytes, "RemoteHitBenchmark.lettuceHget:valueBytes=" + bytes,
                Goal.latencyRatioAtMost(1.10));
    }

    private static Row signalRow(String title, String transport, double p99Millis) {
        return new Row("6. signal to purge, " + title,
                "SignalToPurgeBenchmark.signalToPurge:transport=" + transport, null, Goal.p99MillisAtMost(p99Millis));
    }

    /**
     * Renders {@link #ROWS} as a Markdown table; a case without figures reads "not run". A paired
     * case is judged on its paired ratio, any other on the ratio of its two figures.
     */
    static String render(SuiteResults results) {
        Map<String, Figure> figures = results.figures();
        StringBuilder table = new StringBuilder()
                .append("| case | region-cache | baseline | measured | goal | result |\n")
                .append("|---|---|---|---|---|---|\n");
        int met = 0;
        int judged = 0;
        for (Row row : ROWS) {
            Figure candidate = figures.get(row.candidate());
            Figure baseline = row.baseline() == null ? null : figures.get(row.baseline());
            boolean complete = candidate != null && (baseline != null || !row.goal().needsBaseline());
            String measured = "-";
            String result = "not run";
            if (complete) {
                Double paired = results.pairedRatios().get(row.candidate());
                double value = paired != null ? paired : row.goal().measure(candidate, baseline);
                boolean pass = row.goal().met(value);
                measured = row.goal().describeMeasured(value);
                if (row.goal().judged()) {
                    judged++;
                    met += pass ? 1 : 0;
                    result = pass ? "pass" : "MISS";
                } else {
                    result = "-";
                }
            }
            table.append("| ").append(row.title())
                    .append(" | ").append(describe(candidate, row.goal()))
                    .append(" | ").append(baseline == null ? "-" : baseline.describe())
                    .append(" | ").append(measured)
                    .append(" | ").append(row.goal().describe())
                    .append(" | ").append(result).append(" |\n");
        }
        long goals = ROWS.stream().filter(row -> row.goal().judged()).count();
        return table.append('\n').append(met).append(" of ").append(goals).append(" goals met")
                .append(judged < goals ? " (" + (goals - judged) + " not run)" : "").append('\n').toString();
    }

    private static String describe(Figure figure, Goal goal) {
        if (figure == null) {
            return "not measured";
        }
        if (goal.kind() == Goal.Kind.P99_MILLIS_AT_MOST) {
            return "p50 " + Figure.number(figure.toMillis(figure.p50())) + " ms, p99 "
                    + Figure.number(figure.toMillis(figure.p99())) + " ms";
        }
        return figure.describe();
    }
}

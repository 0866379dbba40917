package io.regioncache.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code stats}: per top-level region (each child of the root, with everything below it) the
 * regions, entries and memory; the root's own keys on a row of their own; and the total.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Prints regions, entries and memory (MEMORY USAGE of each region's keys, an estimate Redis "
                + "samples) per top-level region, and the total.")
final class StatsCommand extends CliCommand {

    /** The figures of one subtree (or of the root's own keys). */
    private static final class Subtree {
        final String region;
        long regions;
        long entries;
        long memoryBytes;

        Subtree(String region) {
            this.region = region;
        }

        void add(RegionInfo info) {
            regions++;
            entries += info.entries();
            memoryBytes += info.memoryBytes();
        }

        Map<String, Object> toJson() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("region", region);
            row.put("regions", regions);
            row.put("entries", entries);
            row.put("memoryBytes", memoryBytes);
            return row;
        }
    }

    @Override
    public Integer call() {
        RegionLayout layout = layout();
        Subtree root = new Subtree(layout.root());
        List<Subtree> topLevel = new ArrayList<>();
        Subtree total = new Subtree("total");
        new RegionWalker(session(), layout, true, new Progress(err(), "stats"))
                .walk(layout.root(), -1, (region, depth, expanded) -> {
                    if (depth == 1) {
                        topLevel.add(new Subtree(region.name()));
                    }
                    (depth == 0 ? root : topLevel.get(topLevel.size() - 1)).add(region);
                    total.add(region);
                });
        PrintWriter out = out();
        if (json()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("root", root.toJson());
            document.put("regions", topLevel.stream().map(Subtree::toJson).toList());
            document.put("total", total.toJson());
            Json.print(out, document);
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"REGION", "REGIONS", "ENTRIES", "MEMORY"});
            rows.add(row(root, layout.root() + " (own keys)"));
            topLevel.forEach(subtree -> rows.add(row(subtree, subtree.region)));
            rows.add(row(total, "total"));
            printTable(out, rows);
        }
        return 0;
    }

    private static String[] row(Subtree subtree, String label) {
        return new String[] {label, Long.toString(subtree.regions), Long.toString(subtree.entries), bytes(subtree.memoryBytes)};
    }

    /** The first column left-aligned, the figures right-aligned. */
    private static void printTable(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(String.format("%-" + widths[0] + "s", row[0]));
            for (int i = 1; i < row.length; i++) {
                line.append("  ").append(String.format("%" + widths[i] + "s", row[i]));
            }
            out.println(line);
        }
    }

    /** 512 B, 1.5 KiB, 3.2 MiB, 1.1 GiB. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}

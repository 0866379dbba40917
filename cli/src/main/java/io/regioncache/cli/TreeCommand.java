package io.regioncache.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code tree [REGION] [--depth N]}: the region tree, streamed as it is read. */
@Command(name = "tree", mixinStandardHelpOptions = true,
        description = "Prints the region tree under REGION (default: the root), read from the child sets, with each "
                + "region's entry count and TTL. Large trees stream; progress goes to stderr.")
final class TreeCommand extends CliCommand {

    @Parameters(arity = "0..1", paramLabel = "REGION", description = REGION_HELP)
    private String region;

    @Option(names = "--depth", paramLabel = "N", description = "Levels below REGION to show; default: all")
    private Integer depth;

    @Override
    public Integer call() {
        if (depth != null && depth < 0) {
            throw new ParameterException(spec().commandLine(), "--depth must be 0 or more, got " + depth);
        }
        RegionLayout layout = layout();
        String start = region == null ? layout.root() : layout.resolve(region);
        PrintWriter out = out();
        RegionWalker.Visitor printer = json() ? new JsonTree(Json.generator(out)) : new TextTree(out);
        new RegionWalker(session(), layout, false, new Progress(err(), "tree"))
                .walk(start, depth == null ? -1 : depth, printer);
        out.flush();
        return 0;
    }

    /** {@code root.users (2 entries, ttl 59.5s)}, two spaces of indent per level. */
    private static final class TextTree implements RegionWalker.Visitor {

        private final PrintWriter out;

        TextTree(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void enter(RegionInfo region, int depth, boolean expanded) {
            String hidden = expanded || region.children().isEmpty() ? ""
                    : ", " + region.children().size() + (region.children().size() == 1 ? " child" : " children") + " not shown";
            out.println("  ".repeat(depth) + region.name() + " (" + region.entries()
                    + (region.entries() == 1 ? " entry" : " entries") + ", ttl " + region.ttlText() + hidden + ")");
        }
    }

    /**
     * One JSON document, written as the walk goes: {@code {"region", "entries", "ttlMillis",
     * "childCount", "children": [...]}}, {@code children} only where the walk went below.
     */
    private static final class JsonTree implements RegionWalker.Visitor {

        /** Flushes now and then, so that a consumer sees a large tree arrive. */
        private static final int FLUSH_EVERY = 1000;

        private final JsonGenerator json;
        private int written;

        JsonTree(JsonGenerator json) {
            this.json = json;
        }

        @Override
        public void enter(RegionInfo region, int depth, boolean expanded) {
            try {
                json.writeStartObject();
                json.writeStringField("region", region.name());
                json.writeNumberField("entries", region.entries());
                json.writeObjectField("ttlMillis", region.ttlMillis());
                json.writeNumberField("childCount", region.children().size());
                if (expanded) {
                    json.writeArrayFieldStart("children");
                }
                if (++written % FLUSH_EVERY == 0) {
                    json.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void exit(RegionInfo region, int depth, boolean expanded) {
            try {
                if (expanded) {
                    json.writeEndArray();
                }
                json.writeEndObject();
                if (depth == 0) {
                    json.writeRaw(System.lineSeparator());
                    json.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

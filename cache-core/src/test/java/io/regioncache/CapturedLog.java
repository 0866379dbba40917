package io.regioncache;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures what is written to System.err (where slf4j-simple logs, looking the stream up at every
 * write) while open, so that tests can assert what was logged. Expected warnings are captured,
 * not printed: the log of a passing run shows only the unexpected.
 */
final class CapturedLog implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    CapturedLog() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** The captured lines logged at {@code level} ("WARN", "INFO", ...). */
    List<String> lines(String level) {
        return text().lines().filter(line -> line.contains(" " + level + " ")).toList();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}

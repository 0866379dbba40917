package io.regioncache.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Captures what is written to {@code System.err} (where slf4j-simple logs) while open, without
 * passing it on: a test that provokes failures on purpose checks what was logged, and the build's
 * own log stays free of those expected warnings and stack traces.
 */
public final class CapturedLog implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private CapturedLog() {
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (captured) {
                    captured.write(bytes, offset, length);
                }
            }
        }, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing; close the result to stop. */
    public static CapturedLog start() {
        return new CapturedLog();
    }

    /** Everything logged since {@link #start()}. */
    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** The lines logged since {@link #start()} that contain {@code fragment}. */
    public List<String> linesContaining(String fragment) {
        return Arrays.stream(text().split("\n")).filter(line -> line.contains(fragment)).toList();
    }

    /** Restores {@code System.err}. */
    @Override
    public void close() {
        System.setErr(original);
    }
}

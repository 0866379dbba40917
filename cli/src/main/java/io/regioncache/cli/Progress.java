package io.regioncache.cli;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/**
 * Progress of a long walk on stderr, so that stdout stays the data: nothing during the first
 * second, then a line at most once a second, and a last line with the total if any was printed.
 */
final class Progress {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PrintWriter err;
    private final String what;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private long regions;
    private boolean reported;

    Progress(PrintWriter err, String what) {
        this.err = err;
        this.what = what;
    }

    void regionDone() {
        regions++;
        long now = System.nanoTime();
        if (now - lastNanos >= INTERVAL_NANOS) {
            lastNanos = now;
            reported = true;
            err.println(what + ": " + regions + " regions so far...");
        }
    }

    void finished() {
        if (reported) {
            err.printf("%s: %d regions in %.1f s%n", what, regions, (System.nanoTime() - startNanos) / 1e9);
        }
    }
}

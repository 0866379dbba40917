package io.regioncache.cli;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress of a long walk on stderr, so that stdout stays the data: nothing during the first
 * second, then a line at most once a second, and a last line with the total if any was printed.
 */
final class Progress {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PrintWriter err;
    private final String what;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long lastNanos;
    private long regions;
    private boolean reported;

    Progress(PrintWriter err, String what) {
        this(err, what, System::nanoTime);
    }

    /** @param nanoTime the clock, {@link System#nanoTime()} but in tests */
    Progress(PrintWriter err, String what, LongSupplier nanoTime) {
        this.err = err;
        this.what = what;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.lastNanos = startNanos;
    }

    void regionDone() {
        regions++;
        long now = nanoTime.getAsLong();
        if (now - lastNanos >= INTERVAL_NANOS) {
            lastNanos = now;
            reported = true;
            err.println(what + ": " + regions + " regions so far...");
        }
    }

    void finished() {
        if (reported) {
            err.printf(java.util.Locale.ROOT, "%s: %d regions in %.1f s%n", what, regions, (nanoTime.getAsLong() - startNanos) / 1e9);
        }
    }
}

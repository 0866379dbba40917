package io.regioncache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final AtomicLong nanos = new AtomicLong();
    private final StringWriter err = new StringWriter();
    private final Progress progress = new Progress(new PrintWriter(err, true), "tree", nanos::get);

    @Test
    void aShortWalkPrintsNothing() {
        progress.regionDone();
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(900));
        progress.regionDone();
        progress.finished();

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aLongWalkReportsAtMostOnceASecondAndEndsWithTheTotal() {
        for (int i = 0; i < 30; i++) {
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
            progress.regionDone();
        }
        progress.finished();

        assertThat(err.toString()).isEqualTo("tree: 10 regions so far...\ntree: 20 regions so far...\n"
                + "tree: 30 regions so far...\ntree: 30 regions in 3.0 s\n");
    }
}

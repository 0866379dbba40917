package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** Timing checks shared by the fault suites. */
final class Faults {

    private Faults() {
    }

    /** Runs {@code operation} (which asserts its own result) and checks it returned within {@code bound}. */
    static void assertEachWithin(Duration bound, Runnable operation) {
        long start = System.nanoTime();
        operation.run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("an operation under a fault returned after %d ms", took.toMillis()).isLessThanOrEqualTo(bound);
    }
}

package io.regioncache.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkSuiteTest {

    @Test
    void pairedIterationsAlternateFromTheRegionSideInEveryFork() {
        List<List<Double>> sides = BenchmarkSuite.alternateIterations(List.of(
                List.of(1.0, 10.0, 2.0, 20.0),
                List.of(3.0, 30.0, 4.0)));

        assertThat(sides.get(0)).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(sides.get(1)).containsExactly(10.0, 20.0, 30.0);
    }

    @Test
    void aPairedSideIsItsMedianIterationSoThatAFewStalledSecondsDoNotMoveIt() {
        Figure side = BenchmarkSuite.median(List.of(20.0, 22.0, 21.0, 900.0, 23.0), "us/op");

        assertThat(side.score()).isEqualTo(22.0);
        assertThat(side.describe()).isEqualTo("22.0 us/op (median of 5, IQR 20.5-461.5)");
    }
}

package io.regioncache.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuiteResultsTest {

    private final List<List<Double>> forks = List.of(
            List.of(22.0, 20.0, 110.0, 100.0, 21.0, 20.0),
            List.of(44.0, 40.0, 23.0, 20.0));

    @Test
    void pairedIterationsAlternateFromTheRegionSideInEveryFork() {
        List<List<Double>> sides = SuiteResults.alternateIterations(forks);

        assertThat(sides.get(0)).containsExactly(22.0, 110.0, 21.0, 44.0, 23.0);
        assertThat(sides.get(1)).containsExactly(20.0, 100.0, 20.0, 40.0, 20.0);
    }

    @Test
    void thePairedRatioComparesEachIterationWithItsNeighbourSoThatLoadSwingsCancel() {
        // pairs: 1.10, 1.10, 1.05, 1.10, 1.15 -> median 1.10, whatever the load of each pair
        assertThat(SuiteResults.medianPairedRatio(forks)).isCloseTo(1.10, offset(1e-9));
    }

    @Test
    void aSideIsItsMedianIterationSoThatAFewStalledIterationsDoNotMoveIt() {
        Figure side = SuiteResults.median(List.of(20.0, 22.0, 21.0, 900.0, 23.0), "us/op");

        assertThat(side.score()).isEqualTo(22.0);
        assertThat(side.describe()).isEqualTo("22.0 us/op (median of 5, IQR 20.5-461.5)");
    }
}

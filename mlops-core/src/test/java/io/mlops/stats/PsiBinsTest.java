package io.mlops.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Quantile bins of a reference distribution for the population stability index. */
class PsiBinsTest {
    @Test
    void shouldSplitUniformValuesIntoEqualShares() {
        double[] values = IntStream.range(0, 100).asDoubleStream().toArray();

        PsiBins bins = PsiBins.of(values, 4);

        assertThat(bins.edges()).containsExactly(0.0, 25.0, 50.0, 75.0, 99.0);
        assertThat(bins.fractions()).containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void shouldMergeBinsOfTiedValuesInsteadOfLeavingThemEmpty() {
        double[] values = {0, 0, 0, 0, 0, 0, 0, 1, 1, 2};

        PsiBins bins = PsiBins.of(values, 10);

        assertThat(bins.edges()).containsExactly(0.0, 1.0, 2.0);
        assertThat(bins.fractions()).containsExactly(0.7, 0.3);
        assertThat(bins.fractions().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldKeepAConstantInputInOneBin() {
        PsiBins bins = PsiBins.of(new double[] {3, 3, 3}, 10);

        assertThat(bins.edges()).containsExactly(3.0, 3.0);
        assertThat(bins.fractions()).containsExactly(1.0);
        assertThat(bins.bin(-100)).isZero();
        assertThat(bins.bin(100)).isZero();
    }

    @Test
    void shouldCountValuesOutsideTheEdgesInTheEndBins() {
        PsiBins bins = new PsiBins(List.of(0.0, 1.0, 2.0), List.of(0.5, 0.5));

        assertThat(bins.bin(-5)).isZero();
        assertThat(bins.bin(0)).isZero();
        assertThat(bins.bin(1)).isEqualTo(1);
        assertThat(bins.bin(2)).isEqualTo(1);
        assertThat(bins.bin(7)).isEqualTo(1);
    }

    @Test
    void shouldLeaveOutNonFiniteValues() {
        PsiBins bins = PsiBins.of(new double[] {Double.NaN, 1, 2, Double.POSITIVE_INFINITY}, 2);

        assertThat(bins.edges()).containsExactly(1.0, 2.0);
        assertThat(bins.fractions()).containsExactly(1.0);
    }

    @Test
    void shouldRefuseValuesWithNothingFiniteToBin() {
        assertThatThrownBy(() -> PsiBins.of(new double[] {Double.NaN}, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no finite reference values");
    }

    @Test
    void shouldRefuseEdgesThatDoNotMatchTheFractions() {
        assertThatThrownBy(() -> new PsiBins(List.of(0.0, 1.0), List.of(0.5, 0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one more edge than fractions");
        assertThatThrownBy(() -> new PsiBins(List.of(1.0, 0.0, 2.0), List.of(0.5, 0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ascend");
    }
}

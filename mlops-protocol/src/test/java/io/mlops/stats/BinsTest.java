package io.mlops.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlops.error.UserError;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinsTest {
    @Test
    void shouldPutEdgesAtQuantilesSoBinsHoldEqualShares() {
        double[] sample = new double[1000];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = i;
        }

        Bins bins = Bins.fromSample(sample, 4);

        assertThat(bins.edges()).containsExactly(0, 249.75, 499.5, 749.25, 999);
        assertThat(bins.fractions()).containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void shouldCountValuesLikeNumpyHistogramWithTheLastBinClosed() {
        Bins bins = new Bins(new double[] {0, 1, 2}, new double[] {0.5, 0.5});

        assertThat(bins.fractionsOf(new double[] {0, 0.5, 1, 2})).containsExactly(0.5, 0.5);
        assertThat(bins.bin(1)).isEqualTo(1);
        assertThat(bins.bin(2)).isEqualTo(1);
    }

    @Test
    void shouldCountValuesOutsideTheReferenceRangeInTheOutermostBins() {
        Bins bins = new Bins(new double[] {0, 1, 2}, new double[] {0.5, 0.5});

        assertThat(bins.fractionsOf(new double[] {-100, 7, 9, Double.NaN})).containsExactly(1.0 / 3, 2.0 / 3);
    }

    @Test
    void shouldCollapseRepeatedQuantilesAndGiveAConstantFeatureOneBin() {
        Bins fewValues = Bins.fromSample(new double[] {1, 1, 1, 1, 1, 1, 2, 3}, 4);
        Bins constant = Bins.fromSample(new double[] {5, 5, 5}, 10);

        assertThat(fewValues.edges()).containsExactly(1, 1.25, 3);
        assertThat(fewValues.fractions()).containsExactly(0.75, 0.25);
        assertThat(constant.edges()).containsExactly(4.5, 5.5);
        assertThat(constant.psi(new double[] {5, 5})).isZero();
    }

    @Test
    void shouldFindNoDriftOnAResampleAndDriftOnAShiftedSample() {
        Random random = new Random(7);
        Bins reference = Bins.fromSample(gaussian(random, 20_000, 0), 10);

        double resample = reference.psi(gaussian(random, 5_000, 0));
        double shifted = reference.psi(gaussian(random, 5_000, 1));

        assertThat(resample).isLessThan(0.01);
        assertThat(shifted).isGreaterThan(0.5);
    }

    @Test
    void shouldComputeTheIndexAsTheSumOfTerms() {
        double psi = PopulationStability.index(new double[] {0.5, 0.5}, new double[] {0.8, 0.2});

        assertThat(psi).isCloseTo(0.3 * Math.log(0.8 / 0.5) - 0.3 * Math.log(0.2 / 0.5), within(1e-12));
        assertThat(new Bins(new double[] {0, 1}, new double[] {1}).psi(new double[] {Double.NaN}))
                .isNaN();
    }

    @Test
    void shouldRejectMalformedBinsNamingTheProblem() {
        assertThatThrownBy(() -> new Bins(new double[] {0, 1, 1}, new double[] {0.5, 0.5}))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new Bins(new double[] {0, 1, 2}, new double[] {1}))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("need 2 fractions");
        assertThatThrownBy(() -> new Bins(new double[] {0, 1, 2}, new double[] {0.5, 0.6}))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> Bins.fromSample(new double[] {Double.NaN}, 10))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no");
        assertThatThrownBy(() -> PopulationStability.index(new double[] {1}, new double[] {0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCompareByValue() {
        Bins a = new Bins(new double[] {0, 1}, new double[] {1});

        assertThat(a).isEqualTo(new Bins(new double[] {0, 1}, new double[] {1})).hasSameHashCodeAs(a);
        assertThat(a).isNotEqualTo(new Bins(new double[] {0, 2}, new double[] {1}));
    }

    private static double[] gaussian(Random random, int n, double mean) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = mean + random.nextGaussian();
        }
        return values;
    }
}

package io.mlops.labels.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incomplete gamma function and the chi-square tail, checked against scipy (the real peer, run
 * from the test venv) over a grid from tiny to huge statistics, and against a published table of
 * chi-square critical values.
 */
class IncompleteGammaTest {
    @TempDir
    Path dir;

    @Test
    void shouldMatchScipyChiSquareSurvivalAcrossAWideGrid() {
        Path python = Peers.program("python");
        int[] degrees = {1, 2, 3, 4, 5, 9, 10, 30, 79, 100, 500, 1000};
        double[] statistics = {1e-6, 0.001, 0.1, 0.5, 1, 2, 3.841, 10, 25, 50, 100, 300, 1000, 2500};
        List<String> args = new ArrayList<>(List.of(
                python.toString(),
                "-c",
                "import sys\nfrom scipy.stats import chi2\n"
                        + "for pair in sys.argv[1:]:\n"
                        + "    x, k = pair.split(':')\n"
                        + "    print(repr(float(chi2.sf(float(x), int(k)))))\n"));
        for (int k : degrees) {
            for (double x : statistics) {
                args.add(String.format(Locale.ROOT, "%s:%d", Double.toString(x), k));
            }
        }

        Processes.Result result = Processes.run(dir, args);

        assertThat(result.exitCode()).as(result.output()).isZero();
        String[] values = result.output().strip().split("\\s+");
        assertThat(values).hasSize(degrees.length * statistics.length);
        int i = 0;
        for (int k : degrees) {
            for (double x : statistics) {
                double expected = Double.parseDouble(values[i++]);
                double actual = ChiSquareTest.survival(x, k);
                if (expected < 1e-300) {
                    assertThat(actual).as("P(X >= %s), %d df", x, k).isLessThan(1e-290);
                } else {
                    assertThat(Math.abs(actual - expected) / expected)
                            .as("P(X >= %s), %d df: scipy %s, ours %s", x, k, expected, actual)
                            .isLessThan(1e-9);
                }
            }
        }
    }

    /**
     * Upper-tail critical values from the NIST/SEMATECH e-Handbook of Statistical Methods, table
     * 1.3.6.7.4 (https://www.itl.nist.gov/div898/handbook/eda/section3/eda3674.htm), printed to
     * three decimals: the tail at each value is the table's probability to about 1e-4.
     */
    @Test
    void shouldReproducePublishedCriticalValues() {
        double[][] table = {
            // degrees of freedom, critical value, upper-tail probability
            {1, 3.841, 0.05}, {2, 5.991, 0.05}, {5, 11.070, 0.05}, {10, 18.307, 0.05}, {30, 43.773, 0.05},
            {1, 6.635, 0.01}, {10, 23.209, 0.01}, {100, 135.807, 0.01}, {3, 0.352, 0.95}, {20, 10.851, 0.95}
        };
        for (double[] row : table) {
            assertThat(ChiSquareTest.survival(row[1], (int) row[0]))
                    .as("%s df at %s", row[0], row[1])
                    .isCloseTo(row[2], within(1e-4));
        }
    }

    @Test
    void shouldComputeLogGammaAtKnownPoints() {
        assertThat(IncompleteGamma.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-14));
        assertThat(IncompleteGamma.logGamma(1)).isCloseTo(0, within(1e-14));
        assertThat(IncompleteGamma.logGamma(2)).isCloseTo(0, within(1e-14));
        assertThat(IncompleteGamma.logGamma(10)).isCloseTo(Math.log(362_880), within(1e-12));
        assertThat(IncompleteGamma.logGamma(0.1)).isCloseTo(2.252712651734206, within(1e-13));
    }

    @Test
    void shouldMakeLowerAndUpperAddUpToOne() {
        for (double a : new double[] {0.5, 1, 3.5, 40}) {
            for (double x : new double[] {0.01, 1, 4.5, 41, 100}) {
                assertThat(IncompleteGamma.lower(a, x) + IncompleteGamma.upper(a, x))
                        .isCloseTo(1, within(1e-14));
            }
        }
    }

    @Test
    void shouldGiveTheExponentialTailForOneHalfDegreesOfFreedomTwo() {
        // chi-square with 2 degrees of freedom is exponential with mean 2: P(X >= x) = exp(-x / 2)
        for (double x : new double[] {0.1, 1, 7, 60, 700}) {
            assertThat(ChiSquareTest.survival(x, 2) / Math.exp(-x / 2)).isCloseTo(1, within(1e-12));
        }
    }
}

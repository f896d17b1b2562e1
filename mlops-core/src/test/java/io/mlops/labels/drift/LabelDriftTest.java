package io.mlops.labels.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlops.error.UserError;
import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelDriftTest {
    private static final String[] CLASSES = {"car", "person", "bicycle", "dog", "bus"};
    private static final double[] BASE = {0.40, 0.30, 0.15, 0.10, 0.05};

    @TempDir
    Path dir;

    @Test
    void shouldComputeThePopulationStabilityIndexFromShares() {
        LabelDrift drift = LabelDrift.between(Map.of("a", 50L, "b", 50L), Map.of("a", 80L, "b", 20L));

        double expected = (0.8 - 0.5) * Math.log(0.8 / 0.5) + (0.2 - 0.5) * Math.log(0.2 / 0.5);
        assertThat(drift.psi()).isCloseTo(expected, within(1e-12));
        assertThat(drift.classes().getFirst().name()).isEqualTo("b");
        assertThat(drift.classes()).extracting(ClassShift::shareAfter).containsExactlyInAnyOrder(0.8, 0.2);
    }

    @Test
    void shouldReplaceAZeroShareWithEpsilon() {
        LabelDrift drift = LabelDrift.between(Map.of("a", 100L), Map.of("a", 50L, "b", 50L));

        double newClass = (0.5 - 1e-4) * Math.log(0.5 / 1e-4);
        double oldClass = (0.5 - 1.0) * Math.log(0.5 / 1.0);
        assertThat(drift.epsilon()).isEqualTo(1e-4);
        assertThat(drift.psi()).isCloseTo(newClass + oldClass, within(1e-12));
        assertThat(Double.isFinite(drift.psi())).isTrue();
    }

    @Test
    void shouldFindNoDriftBetweenIdenticalDistributions() {
        LabelDrift drift = LabelDrift.between(counts(BASE, 1000), counts(BASE, 3000));

        assertThat(drift.psi()).isCloseTo(0, within(1e-12));
        assertThat(drift.chiSquare().statistic()).isCloseTo(0, within(1e-9));
        assertThat(drift.chiSquare().pValue()).isCloseTo(1, within(1e-9));
        assertThat(drift.moved(0.2)).isEmpty();
    }

    @Test
    void shouldPassTheGateOnAResampleAndFailItOnAShiftNamingTheClassesThatMoved() {
        Map<String, Long> before = sample(BASE, 5000, new Random(1));
        Map<String, Long> resampled = sample(BASE, 5000, new Random(2));
        Map<String, Long> shifted = sample(new double[] {0.10, 0.30, 0.15, 0.40, 0.05}, 5000, new Random(3));

        LabelDrift calm = LabelDrift.between(before, resampled);
        LabelDrift drifted = LabelDrift.between(before, shifted);

        assertThat(calm.exceeds(0.2)).as("PSI %s", calm.psi()).isFalse();
        assertThat(calm.chiSquare().pValue()).isGreaterThan(0.001);
        assertThat(drifted.exceeds(0.2)).as("PSI %s", drifted.psi()).isTrue();
        assertThat(drifted.chiSquare().pValue()).isLessThan(1e-100);
        assertThat(drifted.moved(0.2)).extracting(ClassShift::name).containsExactlyInAnyOrder("dog", "car");
    }

    @Test
    void shouldMatchScipyChiSquareTestOfAContingencyTable() {
        Path python = Peers.program("python");
        Map<String, Long> before = new LinkedHashMap<>(Map.of("a", 120L, "b", 90L, "c", 40L, "d", 0L));
        Map<String, Long> after = new LinkedHashMap<>(Map.of("a", 100L, "b", 130L, "c", 35L, "d", 9L));
        LabelDrift drift = LabelDrift.between(before, after);
        List<String> order = List.copyOf(before.keySet());
        String table = "["
                + order.stream()
                        .map(k -> before.get(k).toString())
                        .reduce((x, y) -> x + "," + y)
                        .orElseThrow()
                + "],["
                + order.stream()
                        .map(k -> after.get(k).toString())
                        .reduce((x, y) -> x + "," + y)
                        .orElseThrow()
                + "]";

        Processes.Result result = Processes.run(
                dir,
                List.of(
                        python.toString(),
                        "-c",
                        "from scipy.stats import chi2_contingency\n"
                                + "r = chi2_contingency([" + table + "], correction=False)\n"
                                + "print(repr(float(r[0])), int(r[2]), repr(float(r[1])))\n"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        String[] scipy = result.output().strip().split(" ");
        assertThat(drift.chiSquare().statistic()).isCloseTo(Double.parseDouble(scipy[0]), within(1e-9));
        assertThat(drift.chiSquare().degreesOfFreedom()).isEqualTo(Integer.parseInt(scipy[1]));
        assertThat(drift.chiSquare().pValue() / Double.parseDouble(scipy[2])).isCloseTo(1, within(1e-9));
    }

    @Test
    void shouldRefuseToCompareWithoutLabels() {
        assertThatThrownBy(() -> LabelDrift.between(Map.of(), Map.of("a", 1L)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("0 before");
    }

    private static Map<String, Long> counts(double[] shares, long total) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < CLASSES.length; i++) {
            counts.put(CLASSES[i], Math.round(shares[i] * total));
        }
        return counts;
    }

    private static Map<String, Long> sample(double[] shares, int draws, Random random) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name : CLASSES) {
            counts.put(name, 0L);
        }
        for (int d = 0; d < draws; d++) {
            double pick = random.nextDouble();
            int i = 0;
            while (i < shares.length - 1 && pick > shares[i]) {
                pick -= shares[i];
                i++;
            }
            counts.merge(CLASSES[i], 1L, Long::sum);
        }
        return counts;
    }
}

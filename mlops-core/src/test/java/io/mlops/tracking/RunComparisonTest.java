package io.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunComparisonTest {
    private static Run run(String id, List<Param> params, List<Metric> metrics) {
        RunInfo info = new RunInfo(
                id,
                "0",
                "run-" + id,
                "u",
                RunStatus.FINISHED,
                0,
                1L,
                "mlflow-artifacts:/0/" + id,
                LifecycleStage.ACTIVE);
        return new Run(info, metrics, params, List.of(), List.of());
    }

    @Test
    void shouldPutParamsAndFinalMetricsSideBySideAndMarkDifferences() {
        Run a = run(
                "a",
                List.of(new Param("lr", "0.01"), new Param("epochs", "5")),
                List.of(new Metric("loss", 0.25, 1, 4), new Metric("system/cpu_utilization_percentage", 90, 1, 2)));
        Run b = run(
                "b", List.of(new Param("lr", "0.02"), new Param("epochs", "5")), List.of(new Metric("acc", 1, 1, 0)));

        RunComparison comparison = RunComparison.of(List.of(a, b));

        assertThat(comparison.runIds()).containsExactly("a", "b");
        assertThat(comparison.rows())
                .containsExactly(
                        new RunComparison.Row("param", "epochs", List.of("5", "5"), false),
                        new RunComparison.Row("param", "lr", List.of("0.01", "0.02"), true),
                        new RunComparison.Row("metric", "acc", Arrays.asList(null, "1"), true),
                        new RunComparison.Row("metric", "loss", Arrays.asList("0.25", null), true));
    }

    @Test
    void shouldCompareTwoToFourRuns() {
        Run one = run("a", List.of(), List.of());

        assertThatThrownBy(() -> RunComparison.of(List.of(one))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunComparison.of(List.of(one, one, one, one, one)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RunComparison.of(List.of(one, one, one, one)).rows()).isEmpty();
    }
}

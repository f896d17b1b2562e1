package io.mlops.eval.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Gates of an evaluation that has no baseline yet. */
class BaselineGatesTest {
    private final Gate absolute = Gate.parse("mAP50 >= 0.6");
    private final Gate relative = Gate.parse("mAP50 >= baseline - 0.01");
    private final Gate faster = Gate.parse("p95_latency_ms <= baseline");

    @Test
    void shouldKeepTheAbsoluteGatesAndSkipThoseThatCompareWithTheBaseline() {
        BaselineGates split = BaselineGates.withoutBaseline(List.of(absolute, relative, faster));

        assertThat(split.kept()).containsExactly(absolute);
        assertThat(split.skipped()).containsExactly(relative, faster);
    }

    @Test
    void shouldNameTheSkippedGatesAndWhy() {
        BaselineGates split = BaselineGates.withoutBaseline(List.of(absolute, relative));

        assertThat(split.describe("model 'persons' has no alias 'production' yet"))
                .isEqualTo("no baseline (model 'persons' has no alias 'production' yet): skipped 1 gate that"
                        + " compares with it: 'mAP50 >= baseline - 0.01'");
    }

    @Test
    void shouldSaySoWhenNoGateNeededTheBaseline() {
        BaselineGates split = BaselineGates.withoutBaseline(List.of(absolute));

        assertThat(split.kept()).containsExactly(absolute);
        assertThat(split.skipped()).isEmpty();
        assertThat(split.describe("first run")).isEqualTo("no baseline (first run); no gate compares with one");
    }

    @Test
    void shouldCheckTheKeptGatesWithoutABaseline() {
        BaselineGates split = BaselineGates.withoutBaseline(List.of(absolute, relative));

        Verdict verdict = Verdict.of(split.kept(), java.util.Map.of("mAP50", 0.7), null);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.results()).hasSize(1);
    }
}

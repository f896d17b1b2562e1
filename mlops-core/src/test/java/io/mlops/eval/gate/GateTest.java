package io.mlops.eval.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateTest {
    @Test
    void shouldParseThresholdsAndBaselineOffsets() {
        assertThat(Gate.parse("accuracy >= 0.9"))
                .isEqualTo(new Gate("accuracy >= 0.9", "accuracy", Gate.Comparison.GE, false, 0.9));
        assertThat(Gate.parse("p95_latency_ms<=20"))
                .isEqualTo(new Gate("p95_latency_ms<=20", "p95_latency_ms", Gate.Comparison.LE, false, 20));
        assertThat(Gate.parse(" accuracy >= baseline - 0.01 ").offset()).isEqualTo(-0.01);
        assertThat(Gate.parse("AP[person] > baseline").onBaseline()).isTrue();
        assertThat(Gate.parse("AP[traffic light] >= 1e-1").metric()).isEqualTo("AP[traffic light]");
    }

    @Test
    void shouldJudgeWithValueAndThreshold() {
        Map<String, Double> metrics = Map.of("accuracy", 0.92, "mAP50", 0.55);

        GateResult pass = Gate.parse("accuracy >= baseline - 0.01").check(metrics, Map.of("accuracy", 0.93));
        GateResult fail = Gate.parse("mAP50 >= 0.6").check(metrics, null);

        assertThat(pass.passed()).isTrue();
        assertThat(pass.threshold()).isEqualTo(0.93 - 0.01);
        assertThat(fail.passed()).isFalse();
        assertThat(fail.describe()).isEqualTo("FAIL mAP50 = 0.550000 not >= 0.600000  (mAP50 >= 0.6)");
        assertThat(new Verdict(java.util.List.of(pass, fail)).passed()).isFalse();
        assertThat(new Verdict(java.util.List.of()).passed()).isTrue();
    }

    @Test
    void shouldPointAtTheColumnOfASyntaxError() {
        assertThatThrownBy(() -> Gate.parse("accuracy >>= 0.9"))
                .isInstanceOf(UserError.class)
                .hasMessage("gate 'accuracy >>= 0.9': syntax error at column 11: expected a number or 'baseline'\n"
                        + "  accuracy >>= 0.9\n"
                        + "            ^");
        assertThatThrownBy(() -> Gate.parse("accuracy 0.9"))
                .hasMessageContaining("column 10: expected one of >= > <= < ==");
        assertThatThrownBy(() -> Gate.parse(">= 0.9")).hasMessageContaining("column 1: expected a metric name");
        assertThatThrownBy(() -> Gate.parse("accuracy >= 0.9 or so")).hasMessageContaining("unexpected 'or so'");
        assertThatThrownBy(() -> Gate.parse("accuracy >= baseline -")).hasMessageContaining("expected a number");
    }

    @Test
    void shouldNameTheMetricsThereAreWhenOneIsUnknown() {
        assertThatThrownBy(() -> Gate.parse("acuracy >= 0.9").check(Map.of("accuracy", 1.0), null))
                .isInstanceOf(UserError.class)
                .hasMessage("gate 'acuracy >= 0.9': no metric 'acuracy'; this evaluation has [accuracy]");
    }
}

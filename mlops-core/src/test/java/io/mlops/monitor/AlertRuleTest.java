package io.mlops.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alert rules as values: what they refuse, and what they read from a sample. */
class AlertRuleTest {
    private static final HealthSample SAMPLE = new HealthSample(
            "persons", 2, "http://127.0.0.1:8000", 1_000, 10, 0.05, 3, 12.5, 20, Map.of("x", 0.31, "y", 0.02));

    @Test
    void shouldRefuseBadRulesNamingWhatIsWrong() {
        assertThatThrownBy(() -> AlertKind.parse("cpu"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("unknown alert kind 'cpu'")
                .hasMessageContaining("drift, error_rate, latency");
        assertThatThrownBy(() -> new AlertRule("persons", "r", AlertKind.DRIFT, -0.1, 5, null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("limit must be a number of 0 or more, not -0.1");
        assertThatThrownBy(() -> new AlertRule("persons", "r", AlertKind.DRIFT, 0.2, 0, null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("at least 1 minute, not 0");
        assertThatThrownBy(() -> new AlertRule("persons", "r", AlertKind.ERROR_RATE, 5, 1, null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("fraction from 0 to 1");
        assertThatThrownBy(() -> new AlertRule("persons", "r", AlertKind.LATENCY, 5, 1, "x"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("only a drift rule watches a named input");
        assertThatThrownBy(() -> new AlertRule("persons", "a/b", AlertKind.LATENCY, 5, 1, null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("alert rule name 'a/b'");
        assertThatThrownBy(() -> new AlertRule("persons", "r", AlertKind.LATENCY, Double.NaN, 1, null))
                .isInstanceOf(UserError.class);
    }

    @Test
    void shouldReadTheWatchedValueOfASample() {
        assertThat(new AlertRule("persons", "d", AlertKind.DRIFT, 0.2, 5, null).read(SAMPLE))
                .isEqualTo(new AlertRule.Reading(0.31, "input x"));
        assertThat(new AlertRule("persons", "d", AlertKind.DRIFT, 0.2, 5, "y").read(SAMPLE))
                .isEqualTo(new AlertRule.Reading(0.02, "input y"));
        assertThat(new AlertRule("persons", "d", AlertKind.DRIFT, 0.2, 5, "z")
                        .read(SAMPLE)
                        .present())
                .isFalse();
        assertThat(new AlertRule("persons", "e", AlertKind.ERROR_RATE, 0.1, 5, null)
                        .read(SAMPLE)
                        .value())
                .isEqualTo(0.05);
        assertThat(new AlertRule("persons", "l", AlertKind.LATENCY, 10, 5, null)
                        .read(SAMPLE)
                        .value())
                .isEqualTo(12.5);
    }

    @Test
    void shouldFireOnlyAboveTheLimit() {
        AlertRule rule = new AlertRule("persons", "l", AlertKind.LATENCY, 10, 5, null);

        assertThat(rule.exceeded(10.0)).isFalse();
        assertThat(rule.exceeded(10.5)).isTrue();
    }

    @Test
    void shouldBeEqualByValue() {
        assertThat(new AlertRule("persons", "l", AlertKind.DRIFT, 0.2, 5, " "))
                .isEqualTo(new AlertRule("persons", "l", AlertKind.DRIFT, 0.2, 5, null))
                .hasSameHashCodeAs(new AlertRule("persons", "l", AlertKind.DRIFT, 0.2, 5, null))
                .isNotEqualTo(new AlertRule("persons", "l", AlertKind.DRIFT, 0.2, 6, null));
    }
}

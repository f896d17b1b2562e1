package io.mlops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlops.eval.gate.Gate;
import io.mlops.eval.gate.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pull-request comment's parts: comparison rows, escaping, the chart, first-run wording. */
class PullRequestCommentTest {
    private static final Map<String, Double> CANDIDATE =
            metrics("accuracy", 0.9, "recall[cat]", 0.5, "throughput", 200.0);
    private static final Map<String, Double> PRODUCTION = metrics("accuracy", 0.85, "throughput", 250.0, "old", 1.0);

    @Test
    void shouldCompareMetricByMetricLeavingPerClassOnesOut() {
        MetricComparison comparison = MetricComparison.of(CANDIDATE, PRODUCTION);

        assertThat(comparison.rows())
                .extracting(MetricComparison.Row::metric)
                .containsExactly("accuracy", "throughput", "old");
        assertThat(comparison.rows().get(0).delta()).isCloseTo(0.05, within(1e-12));
        assertThat(comparison.rows().get(1).delta()).isEqualTo(-50.0);
        assertThat(comparison.rows().get(2).candidate()).isNull();
        assertThat(comparison.rows().get(2).delta()).isNull();
        assertThat(MetricComparison.of(CANDIDATE, null).hasProduction()).isFalse();
    }

    @Test
    void shouldEscapeWhatWouldBreakATableOrStartMarkup() {
        assertThat(PullRequestComment.escape("a|b *c* <d> [e](f)")).isEqualTo("a\\|b \\*c\\* \\<d\\> \\[e\\](f)");
        assertThat(PullRequestComment.code("x `y` | z")).isEqualTo("`` x `y` \\| z ``");
        assertThat(PullRequestComment.number(Double.NaN)).isEqualTo("NaN");
        assertThat(PullRequestComment.number(null)).isEmpty();
        assertThat(PullRequestComment.number(0.123456)).isEqualTo("0.1235");
        assertThat(PullRequestComment.number(24.1)).isEqualTo("24.1");
        assertThat(PullRequestComment.number(120.0)).isEqualTo("120");
        assertThat(PullRequestComment.number(-0.0)).isEqualTo("0");
        assertThat(PullRequestComment.number(22103.46)).isEqualTo("22103.5");
        assertThat(PullRequestComment.number(0.000012346)).isEqualTo("0.00001235");
    }

    @Test
    void shouldNameTheSkippedGatesOnAFirstRun() {
        EvaluationSummary summary = summary();
        PullRequestComment comment = new PullRequestComment(
                summary,
                null,
                "model 'persons' has no alias 'production' yet",
                Verdict.of(List.of(Gate.parse("accuracy >= 0.5")), summary.metrics(), null),
                List.of("accuracy >= baseline - 0.01"),
                "chart.svg");

        assertThat(comment.passed()).isTrue();
        assertThat(comment.markdown())
                .contains("No production baseline yet", "`accuracy >= baseline - 0.01`", "](chart.svg)")
                .doesNotContain("| production |");
    }

    @Test
    void shouldRefuseBothOrNeitherProductionAndAReasonForItsAbsence() {
        Verdict none = new Verdict(List.of());
        PullRequestComment.Production production = new PullRequestComment.Production("persons v1", PRODUCTION);
        assertThatThrownBy(() -> new PullRequestComment(summary(), production, "why", none, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PullRequestComment(summary(), null, null, none, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDrawOneBarPerValueWithBothSeriesInTheLegend() {
        String both = ComparisonChart.render(MetricComparison.of(CANDIDATE, PRODUCTION), "candidate", "persons v1");
        String alone = ComparisonChart.render(MetricComparison.of(CANDIDATE, null), "candidate", "production");

        // background + legend swatches + bars (accuracy 2, throughput 2, old 1)
        assertThat(count(both, "<rect")).isEqualTo(1 + 2 + 5);
        assertThat(count(alone, "<rect")).isEqualTo(1 + 1 + 2);
        assertThat(both).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains(ComparisonChart.PRODUCTION);
        assertThat(alone).doesNotContain(ComparisonChart.PRODUCTION);
    }

    private static EvaluationSummary summary() {
        return new EvaluationSummary(
                "model.onnx", "table.csv", "CLASSIFICATION", 90, CANDIDATE, new Verdict(List.of()));
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static Map<String, Double> metrics(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return map;
    }
}

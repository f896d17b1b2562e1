package io.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.tracking.SearchFilter.Condition;
import io.mlops.tracking.SearchFilter.Entity;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchFilterTest {
    @Test
    void shouldParseComparisonsJoinedByAnd() {
        List<Condition> conditions =
                SearchFilter.parse("metrics.loss < 0.5 and params.optimizer = 'adam' AND tags.\"data set\" LIKE 'v%'");

        assertThat(conditions)
                .containsExactly(
                        new Condition(Entity.METRIC, "loss", "<", List.of(0.5)),
                        new Condition(Entity.PARAM, "optimizer", "=", List.of("adam")),
                        new Condition(Entity.TAG, "data set", "LIKE", List.of("v%")));
    }

    @Test
    void shouldParseAttributesInListsAndNullChecks() {
        assertThat(SearchFilter.parse("attributes.status IN ('FAILED', 'KILLED')"))
                .containsExactly(new Condition(Entity.ATTRIBUTE, "status", "IN", List.of("FAILED", "KILLED")));
        assertThat(SearchFilter.parse("run_name != \"x\""))
                .containsExactly(new Condition(Entity.ATTRIBUTE, "run_name", "!=", List.of("x")));
        assertThat(SearchFilter.parse("tags.note IS NOT NULL and metrics.`f1 score` >= -1e-3"))
                .containsExactly(
                        new Condition(Entity.TAG, "note", "IS NOT NULL", List.of()),
                        new Condition(Entity.METRIC, "f1 score", ">=", List.of(-1e-3)));
        assertThat(SearchFilter.parse("  ")).isEmpty();
    }

    @Test
    void shouldExplainWhatIsWrongWithAFilter() {
        assertThatThrownBy(() -> SearchFilter.parse("metrics.loss <"))
                .isInstanceOf(TrackingError.class)
                .hasMessageContaining("expected a quoted string or a number");
        assertThatThrownBy(() -> SearchFilter.parse("weights.x = 1"))
                .isInstanceOf(TrackingError.class)
                .hasMessageContaining("unknown entity 'weights'");
        assertThatThrownBy(() -> SearchFilter.parse("params.a = 'x' or params.b = 'y'"))
                .isInstanceOf(TrackingError.class)
                .hasMessageContaining("expected AND");
    }

    @Test
    void shouldParseOrderByClauses() {
        assertThat(OrderBy.parse("metrics.`val loss` DESC")).isEqualTo(new OrderBy(Entity.METRIC, "val loss", false));
        assertThat(OrderBy.parse("start_time")).isEqualTo(new OrderBy(Entity.ATTRIBUTE, "start_time", true));
    }

    @Test
    void shouldTranslateLikePatternsToGlob() {
        assertThat(Comparisons.glob("a%b_c*[")).isEqualTo("a*b?c[*][[]");
    }
}

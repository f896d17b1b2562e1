package io.mlops.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mlops.registry.RegisteredModel;
import io.mlops.tracking.TrackingError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registered-model search filters the MLflow client sends. */
class ModelFilterTest {
    private static final List<RegisteredModel> MODELS = List.of(
            model("persons", Map.of()),
            model("Person_cars", Map.of()),
            model("prompt", Map.of("mlflow.prompt.is_prompt", "true")));

    private static RegisteredModel model(String name, Map<String, String> tags) {
        return new RegisteredModel(name, "", tags, Map.of(), 0, 0);
    }

    private static List<String> matching(String filter) {
        return MODELS.stream()
                .filter(ModelFilter.parse(filter))
                .map(RegisteredModel::name)
                .toList();
    }

    @Test
    void shouldMatchEveryModelWithoutAFilter() {
        assertThat(matching("")).hasSize(3);
    }

    @Test
    void shouldMatchNamesExactlyOrByLikePatterns() {
        assertThat(matching("name = 'persons'")).containsExactly("persons");
        assertThat(matching("name LIKE 'pers%'")).containsExactly("persons");
        assertThat(matching("name ILIKE 'pers%'")).containsExactly("persons", "Person_cars");
        assertThat(matching("name LIKE 'p_rsons'")).containsExactly("persons");
    }

    @Test
    void shouldLeaveOutPromptsAsTheMlflowClientAsks() {
        assertThat(matching("name LIKE 'p%' AND tag.`mlflow.prompt.is_prompt` != 'true'"))
                .containsExactly("persons");
        assertThat(matching("tags.`mlflow.prompt.is_prompt` = 'true'")).containsExactly("prompt");
    }

    @Test
    void shouldRefuseAClauseItDoesNotUnderstand() {
        assertThatThrownBy(() -> ModelFilter.parse("creation_timestamp > 5"))
                .isInstanceOf(TrackingError.class)
                .hasMessageContaining("Unsupported filter 'creation_timestamp > 5'");
    }

    @Test
    void shouldAnswerAHostileLikePatternWithoutBacktracking() {
        // A backtracking regular expression takes minutes (exponential in the number of %_ pairs) on
        // this; the linear matcher answers at once. The bound only detects a hang.
        RegisteredModel longName = model("a".repeat(200), Map.of());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(ModelFilter.parse("name LIKE '%_%_%_%_%_%_%_%_%_%_%_%z'").test(longName))
                    .isFalse();
            assertThat(ModelFilter.parse("name ILIKE '%_%_%_%_%_%_%_%_%_%_%_%A'")
                            .test(longName))
                    .isTrue();
        });
    }

    @Test
    void shouldTreatEscapedWildcardsAsLiterals() {
        RegisteredModel percent = model("100%_sure", Map.of());
        RegisteredModel plain = model("100a_sure", Map.of());
        assertThat(ModelFilter.parse("name LIKE '100\\%\\_sure'").test(percent)).isTrue();
        assertThat(ModelFilter.parse("name LIKE '100\\%\\_sure'").test(plain)).isFalse();
        assertThat(ModelFilter.parse("name LIKE '100%'").test(plain)).isTrue();
    }
}

package io.mlops.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Reading(String name, double value) {}

    @Test
    void shouldReadTheNonFiniteLiteralsPythonWrites() throws JsonProcessingException {
        double[] values = Json.mapper().readValue("[NaN, Infinity, -Infinity, 1.5]", double[].class);

        assertThat(values).containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5);
    }

    @Test
    void shouldRefuseTrailingContentAfterTheDocument() {
        assertThatThrownBy(() -> Json.mapper().readTree("{\"a\": 1} {\"b\": 2}"))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Trailing token");
    }

    @Test
    void shouldWriteDatesAsIsoText() throws JsonProcessingException {
        String json = Json.mapper().writeValueAsString(Map.of("at", Instant.parse("2026-12-07T17:30:00Z")));

        assertThat(json).isEqualTo("{\"at\":\"2026-12-07T17:30:00Z\"}");
    }

    @Test
    void shouldIgnoreUnknownPropertiesOfANewerWriter() throws JsonProcessingException {
        Reading reading = Json.mapper().readValue("{\"name\":\"a\",\"value\":2,\"added\":true}", Reading.class);

        assertThat(reading).isEqualTo(new Reading("a", 2));
    }

    @Test
    void shouldRefuseADocumentNestedDeeperThanTheLimit() {
        String deep = "[".repeat(201) + "]".repeat(201);

        assertThatThrownBy(() -> Json.mapper().readTree(deep)).isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void shouldBuildIndependentVariants() {
        assertThat(Json.builder().build()).isNotSameAs(Json.mapper());
    }

    @Test
    void shouldIndentWithTheSameRules() throws JsonProcessingException {
        String json = Json.indented().writeValueAsString(Map.of("at", Instant.parse("2026-12-07T17:30:00Z")));

        assertThat(json)
                .isEqualTo("{" + System.lineSeparator() + "  \"at\" : \"2026-12-07T17:30:00Z\"" + System.lineSeparator()
                        + "}");
    }

    @Test
    void shouldReadYamlWithTheSameRules() throws JsonProcessingException {
        Reading reading = Yaml.mapper().readValue("name: a\nvalue: 2\nadded: true\n", Reading.class);

        assertThat(reading).isEqualTo(new Reading("a", 2));
        assertThat(Yaml.mapper().writeValueAsString(Map.of("at", Instant.parse("2026-12-07T17:30:00Z"))))
                .isEqualTo("at: 2026-12-07T17:30:00Z\n");
    }

    @Test
    void shouldRefuseYamlNestedDeeperThanTheLimit() {
        String deep = "[".repeat(201) + "]".repeat(201);

        assertThatThrownBy(() -> Yaml.mapper().readTree(deep)).isInstanceOf(StreamConstraintsException.class);
    }
}

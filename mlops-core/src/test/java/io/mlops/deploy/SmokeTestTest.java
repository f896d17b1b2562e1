package io.mlops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The smoke test's reading of a V2 infer response. */
class SmokeTestTest {
    @Test
    void shouldPassFiniteOutputs() throws Exception {
        assertThat(SmokeTest.problems(json("{\"outputs\":[{\"name\":\"y\",\"shape\":[1,2],\"datatype\":\"FP32\","
                        + "\"data\":[0.5,-1]}]}")))
                .isEmpty();
    }

    @Test
    void shouldNameTheOutputWithNonFiniteValues() throws Exception {
        assertThat(SmokeTest.problems(json("{\"outputs\":[{\"name\":\"y\",\"shape\":[1,3],\"datatype\":\"FP32\","
                        + "\"data\":[1,NaN,\"-Infinity\"]}]}")))
                .containsExactly("output 'y' has 2 non-finite values of 3 (first at element 1: NaN)");
    }

    @Test
    void shouldRefuseANullElementNamingTheOutputAndElement() throws Exception {
        assertThat(SmokeTest.problems(json(
                        "{\"outputs\":[{\"name\":\"y\",\"shape\":[2],\"datatype\":\"FP32\"," + "\"data\":[1,null]}]}")))
                .singleElement()
                .asString()
                .contains("input 'y' is FP32 but data element 1 is null");
    }

    @Test
    void shouldFailAResponseWithoutOutputs() throws Exception {
        assertThat(SmokeTest.problems(json("{\"model_name\":\"persons\",\"outputs\":[]}")))
                .singleElement()
                .asString()
                .contains("no V2 JSON infer response");
    }

    private static JsonNode json(String text) throws Exception {
        return V2Json.MAPPER.readTree(text);
    }
}

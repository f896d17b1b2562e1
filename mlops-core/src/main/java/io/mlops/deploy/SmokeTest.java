package io.mlops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.error.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a new version's answer to the sample input before it takes traffic: every output is
 * there and every number in it is finite. A model that answers NaN would pass a status check and
 * still be useless.
 */
final class SmokeTest {
    private SmokeTest() {}

    /**
     * The problems of a V2 infer response.
     *
     * @param response the response body
     * @return what is wrong, empty when it passes
     */
    static List<String> problems(JsonNode response) {
        Map<String, double[]> outputs;
        try {
            outputs = V2Json.outputs(response, "the answer to the sample input");
        } catch (UserError e) {
            return List.of(e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        outputs.forEach((name, numbers) -> {
            int bad = 0;
            int first = -1;
            for (int i = 0; i < numbers.length; i++) {
                if (!Double.isFinite(numbers[i])) {
                    bad++;
                    first = first < 0 ? i : first;
                }
            }
            if (bad > 0) {
                problems.add("output '" + name + "' has " + bad + " non-finite value" + (bad == 1 ? "" : "s") + " of "
                        + numbers.length + " (first at element " + first + ": " + numbers[first] + ")");
            }
        });
        return problems;
    }
}

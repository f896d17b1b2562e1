package io.mlops.monitor.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.error.UserError;
import io.mlops.monitor.AlertKind;
import io.mlops.monitor.AlertRule;

/**
 * The JSON of an alert rule in the API: {@code name}, {@code kind}, {@code limit},
 * {@code minutes} and {@code input} (a drift rule's one input, or null).
 */
final class AlertRuleBody {
    private AlertRuleBody() {}

    /**
     * Reads a rule from a request body.
     *
     * @param model the model the path names
     * @param body the body, a JSON object
     * @return the rule, validated
     * @throws UserError naming the field that is missing or wrong
     */
    static AlertRule read(String model, JsonNode body) {
        JsonNode minutes = body.get("minutes");
        if (minutes == null || !minutes.isIntegralNumber() || !minutes.canConvertToInt()) {
            throw new UserError(
                    "the request body needs 'minutes', a whole number of minutes (1 or more), not " + minutes);
        }
        JsonNode limit = body.get("limit");
        if (limit == null || !limit.isNumber()) {
            throw new UserError("the request body needs 'limit', a number, not " + limit);
        }
        JsonNode input = body.get("input");
        if (input != null && !input.isNull() && !input.isTextual()) {
            throw new UserError("'input' must be an input's name or null, not " + input);
        }
        return new AlertRule(
                model,
                text(body, "name"),
                AlertKind.parse(text(body, "kind")),
                limit.asDouble(),
                minutes.asInt(),
                input == null || input.isNull() ? null : input.asText());
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new UserError("the request body needs '" + field + "', a non-empty string, not " + value);
        }
        return value.asText();
    }
}

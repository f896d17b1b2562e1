package io.mlops.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.agent.serve.Classification;
import io.mlops.protocol.v2.InvalidInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the classification extension's {@code outputs[].parameters.classification} (Triton's name,
 * what tritonclient sends) or {@code class_count} from a V2 HTTP request's JSON. Requests without a
 * key starting {@code "class} in their JSON (nearly all) are not parsed a second time.
 */
final class ClassCounts {
    /** What both parameter names contain: {@code class}ification and {@code class}_count. */
    private static final byte[] KEY = "\"class".getBytes(StandardCharsets.US_ASCII);

    private ClassCounts() {}

    /**
     * The class count of each output that asks for one.
     *
     * @param body the request body
     * @param headerLength the JSON part's length, or -1 when the whole body is JSON
     * @return class counts by output name; empty for none
     * @throws InvalidInput when a class count is not a whole number of 1 or more
     */
    static Map<String, Integer> read(byte[] body, long headerLength) {
        int json = headerLength < 0 ? body.length : (int) Math.min(headerLength, body.length);
        if (!contains(body, json)) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = Replies.JSON.readTree(body, 0, json);
        } catch (IOException e) {
            return Map.of(); // the request reader has already refused malformed JSON
        }
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode output : root.path("outputs")) {
            for (String key : Classification.PARAMETERS) {
                JsonNode count = output.path("parameters").path(key);
                if (count.isMissingNode() || count.isNull()) {
                    continue;
                }
                String name = output.path("name").asText();
                if (!count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 0) {
                    throw new InvalidInput("output '" + name + "': parameters." + key
                            + " must be a whole number of 0 or more, not " + count);
                }
                if (count.intValue() > 0) { // 0 asks for the values themselves, as in Triton
                    counts.put(name, count.intValue());
                }
            }
        }
        return counts;
    }

    private static boolean contains(byte[] body, int length) {
        outer:
        for (int i = 0; i + KEY.length <= length; i++) {
            for (int j = 0; j < KEY.length; j++) {
                if (body[i + j] != KEY[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

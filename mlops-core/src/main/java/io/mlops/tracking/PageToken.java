package io.mlops.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * MLflow's page tokens: base64 of {@code {"offset": N}}, the number of results before the page.
 */
final class PageToken {
    private static final ObjectMapper JSON = Json.mapper();

    private PageToken() {}

    /**
     * The offset a token points at.
     *
     * @param token a token from an earlier page, or null/empty for the first page
     * @return the offset
     * @throws TrackingError INVALID_PARAMETER_VALUE for a token this server did not make
     */
    static int offset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            JsonNode node = JSON.readTree(Base64.getDecoder().decode(token));
            JsonNode offset = node == null ? null : node.get("offset");
            if (offset == null || !offset.canConvertToInt() || offset.intValue() < 0) {
                throw new IOException("no offset");
            }
            return offset.intValue();
        } catch (IOException | IllegalArgumentException e) {
            throw TrackingError.invalid("Invalid page token, could not base64-decode or parse it: '" + token + "'");
        }
    }

    /**
     * The token of the page that starts at an offset.
     *
     * @param offset the number of results before the page
     * @return the token
     */
    static String at(int offset) {
        return Base64.getEncoder().encodeToString(("{\"offset\": " + offset + "}").getBytes(StandardCharsets.UTF_8));
    }
}

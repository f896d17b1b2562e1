package io.mlops.tracking.http;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** JSON on the wire: one mapper, and responses written as {@code application/json}. */
public final class Json {
    /**
     * Reads and writes request and response bodies; reading accepts bare NaN and Infinity, which
     * some clients send although JSON has no such numbers.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {}

    /**
     * An empty object, MLflow's answer to a request that returns nothing.
     *
     * @return {@code {}}
     */
    public static ObjectNode empty() {
        return MAPPER.createObjectNode();
    }

    /**
     * Writes a JSON body.
     *
     * @param response the response
     * @param body the body
     * @throws IOException when the client is gone
     */
    public static void write(HttpServletResponse response, JsonNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}

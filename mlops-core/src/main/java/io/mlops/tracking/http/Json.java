package io.mlops.tracking.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** JSON on the wire: one mapper, and responses written as {@code application/json}. */
public final class Json {
    /**
     * Reads and writes request and response bodies with the suite's rules ({@link io.mlops.json.Json}):
     * reading accepts the bare NaN and Infinity that MLflow's Python client sends for non-finite metrics,
     * and writes them as the quoted strings MLflow's server answers with. MLflow's REST JSON needs no rule
     * beyond the suite's, so this is the shared mapper.
     */
    public static final ObjectMapper MAPPER = io.mlops.json.Json.mapper();

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

package io.mlops.tracking.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** JSON on the wire: one mapper, and responses written as {@code application/json}. */
public final class Json {
    /** The most JSON tokens (names, values, brackets) one request body may hold. */
    public static final long MAX_TOKENS = 200_000;

    /**
     * Reads and writes request and response bodies with the suite's rules ({@link io.mlops.json.Json}):
     * bare NaN and Infinity, which some clients send, are read; content after the document is refused;
     * and a body holds at most {@link #MAX_TOKENS} tokens, so that a small body of empty objects cannot
     * make the server build millions of nodes.
     */
    public static final ObjectMapper MAPPER =
            withTokenLimit(io.mlops.json.Json.builder().build());

    private Json() {}

    private static ObjectMapper withTokenLimit(ObjectMapper mapper) {
        StreamReadConstraints suite = mapper.getFactory().streamReadConstraints();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNumberLength(suite.getMaxNumberLength())
                        .maxNestingDepth(suite.getMaxNestingDepth())
                        .maxTokenCount(MAX_TOKENS)
                        .build());
        return mapper;
    }

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

package io.mlops.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.tracking.http.ApiRequest;

/** Answers one JSON request of the registry protocol. */
@FunctionalInterface
interface Endpoint {
    /**
     * Handles the request.
     *
     * @param request its fields
     * @param actor who sends it, for the audit log
     * @return the response body
     */
    JsonNode handle(ApiRequest request, String actor);
}

package io.mlops.tracking.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The JSON endpoints of the API by method and path, e.g. {@code POST /api/2.0/mlflow/runs/create}. */
final class Routes {
    /** Answers one JSON request. */
    @FunctionalInterface
    interface Handler {
        /**
         * Handles the request.
         *
         * @param request its fields
         * @return the response body
         * @throws java.io.IOException when reading or writing fails
         */
        JsonNode handle(ApiRequest request) throws java.io.IOException;
    }

    static final String MLFLOW = "/api/2.0/mlflow/";

    private final Map<String, Handler> handlers = new HashMap<>();
    private final Set<String> paths = new HashSet<>();

    /**
     * Adds an endpoint under {@code /api/2.0/mlflow/}.
     *
     * @param method GET or POST
     * @param endpoint e.g. {@code runs/create}
     * @param handler what answers it
     * @return this
     */
    Routes add(String method, String endpoint, Handler handler) {
        handlers.put(method + " " + MLFLOW + endpoint, handler);
        paths.add(MLFLOW + endpoint);
        return this;
    }

    /**
     * The handler of a request.
     *
     * @param method the HTTP method
     * @param path the path
     * @return the handler, or empty
     */
    Optional<Handler> find(String method, String path) {
        return Optional.ofNullable(handlers.get(method + " " + path));
    }

    /**
     * Whether a path is an endpoint for some other method.
     *
     * @param path the path
     * @return true when only the method is wrong
     */
    boolean knows(String path) {
        return paths.contains(path);
    }
}

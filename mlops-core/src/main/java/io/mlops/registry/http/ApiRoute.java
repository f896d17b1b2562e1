package io.mlops.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One endpoint of the registry API: a method and a path pattern such as
 * {@code models/{name}/versions/{version}}, whether it needs the token, and its handler.
 *
 * @param method the HTTP method
 * @param pattern the path's segments below the API root; {@code {x}} binds a segment to x
 * @param needsToken whether it changes the registry or shows its configuration, and so needs the token
 * @param handler what answers it
 */
record ApiRoute(String method, List<String> pattern, boolean needsToken, Handler handler) {
    /** Answers a request. */
    @FunctionalInterface
    interface Handler {
        /**
         * Handles the call.
         *
         * @param call the request
         * @return the response body
         */
        JsonNode handle(ApiCall call);
    }

    static ApiRoute read(String method, String pattern, Handler handler) {
        return new ApiRoute(method, List.of(pattern.split("/")), false, handler);
    }

    static ApiRoute guarded(String method, String pattern, Handler handler) {
        return new ApiRoute(method, List.of(pattern.split("/")), true, handler);
    }

    /** The named parts of a path, when the path fits the pattern. */
    Optional<Map<String, String>> match(List<String> segments) {
        if (segments.size() != pattern.size()) {
            return Optional.empty();
        }
        Map<String, String> bound = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String part = pattern.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                if (segments.get(i).isEmpty()) {
                    return Optional.empty();
                }
                bound.put(part.substring(1, part.length() - 1), segments.get(i));
            } else if (!part.equals(segments.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(bound);
    }
}

package io.mlops.registry.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.tracking.http.Json;
import java.io.Serial;

/**
 * A request the registry API refuses, answered as {@code {"error": {"code", "message"}}} with the
 * HTTP status of its code.
 */
final class ApiError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The error codes of the registry API and their HTTP status. */
    enum Code {
        NOT_FOUND(404),
        INVALID_ARGUMENT(400),
        UNAUTHENTICATED(401),
        CONFLICT(409),
        INTERNAL(500);

        private final int status;

        Code(int status) {
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final Code code;
    private final int status;

    ApiError(Code code, String message) {
        this(code, code.status(), message);
    }

    /** An error whose HTTP status says more than its code's, such as 405 for a wrong method. */
    ApiError(Code code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    static ApiError invalid(String message) {
        return new ApiError(Code.INVALID_ARGUMENT, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(Code.NOT_FOUND, message);
    }

    Code code() {
        return code;
    }

    int status() {
        return status;
    }

    static ObjectNode body(Code code, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("error").put("code", code.name()).put("message", message);
        return body;
    }
}

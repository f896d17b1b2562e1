package io.mlops.tracking.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.tracking.ErrorCode;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * An error as MLflow's server writes it: {@code {"error_code", "message", "sqlstate", "error_class"}}
 * with the HTTP status MLflow maps the code to ({@code mlflow/exceptions.py} and
 * {@code mlflow/error_classification.py}). Clients retry 429 and 5xx.
 */
public final class ErrorResponse {
    /**
     * What a client is told about a failure that is the server's own: the details (exception, files,
     * SQL) go to the server's log, never into an answer.
     */
    public static final String INTERNAL = "Internal error of the server; its log has the details.";

    private ErrorResponse() {}

    /**
     * A response (usually a wrapper put in place by a host's access log) that is told the MLflow
     * error code it answers with, so that a log can name it without reading the body.
     */
    public interface Observer {
        /**
         * Called when an error is written.
         *
         * @param code the error code
         */
        void errorCode(ErrorCode code);
    }

    /**
     * The HTTP status of an error code.
     *
     * @param code the code
     * @return e.g. 400, 404, 503
     */
    public static int status(ErrorCode code) {
        return switch (code) {
            case INTERNAL_ERROR, INVALID_STATE -> 500;
            case TEMPORARILY_UNAVAILABLE -> 503;
            case REQUEST_LIMIT_EXCEEDED -> 429;
            case ENDPOINT_NOT_FOUND, RESOURCE_DOES_NOT_EXIST -> 404;
            case PERMISSION_DENIED -> 403;
            case UNAUTHENTICATED -> 401;
            case BAD_REQUEST, INVALID_PARAMETER_VALUE, RESOURCE_ALREADY_EXISTS -> 400;
        };
    }

    /**
     * The error body.
     *
     * @param code the code
     * @param message what went wrong
     * @return the JSON object
     */
    public static ObjectNode body(ErrorCode code, String message) {
        ObjectNode body =
                Json.MAPPER.createObjectNode().put("error_code", code.name()).put("message", message);
        String sqlState = sqlState(code);
        if (sqlState != null) {
            body.put("sqlstate", sqlState);
        }
        String errorClass = errorClass(code);
        if (errorClass != null) {
            body.put("error_class", errorClass);
        }
        return body;
    }

    /**
     * Writes an error as the response.
     *
     * @param response the response, not yet committed
     * @param code the code
     * @param message what went wrong
     * @throws IOException when the client is gone
     */
    public static void send(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status(code));
        tell(response, code);
        if (code == ErrorCode.TEMPORARILY_UNAVAILABLE) {
            // MLflow's client honours Retry-After when it retries a 503.
            response.setHeader("Retry-After", "1");
        }
        Json.write(response, body(code, message));
    }

    private static void tell(ServletResponse response, ErrorCode code) {
        for (ServletResponse layer = response; layer != null; ) {
            if (layer instanceof Observer observer) {
                observer.errorCode(code);
                return;
            }
            layer = layer instanceof ServletResponseWrapper wrapper ? wrapper.getResponse() : null;
        }
    }

    private static String sqlState(ErrorCode code) {
        return switch (code) {
            case INTERNAL_ERROR, INVALID_STATE, TEMPORARILY_UNAVAILABLE -> "XXM00";
            case BAD_REQUEST,
                    INVALID_PARAMETER_VALUE,
                    ENDPOINT_NOT_FOUND,
                    RESOURCE_ALREADY_EXISTS,
                    RESOURCE_DOES_NOT_EXIST,
                    PERMISSION_DENIED -> "KAM00";
            case UNAUTHENTICATED, REQUEST_LIMIT_EXCEEDED -> null;
        };
    }

    private static String errorClass(ErrorCode code) {
        return switch (code) {
            case INTERNAL_ERROR, INVALID_STATE, TEMPORARILY_UNAVAILABLE -> "CLIENT_INTERNAL_ERROR";
            case BAD_REQUEST, INVALID_PARAMETER_VALUE -> "INVALID_PARAMETER_VALUE";
            case ENDPOINT_NOT_FOUND, RESOURCE_DOES_NOT_EXIST -> "RESOURCE_NOT_FOUND";
            case RESOURCE_ALREADY_EXISTS -> "RESOURCE_ALREADY_EXISTS";
            case PERMISSION_DENIED -> "PERMISSION_DENIED";
            case UNAUTHENTICATED, REQUEST_LIMIT_EXCEEDED -> null;
        };
    }
}

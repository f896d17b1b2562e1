package io.mlops.agent.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.agent.serve.Conflict;
import io.mlops.agent.serve.Overloaded;
import io.mlops.agent.serve.UnknownModel;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.protocol.v2.InvalidInput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;

/** Writes replies: JSON bodies, and failures as the V2 protocol's {@code {"error": "..."}}. */
final class Replies {
    static final ObjectMapper JSON = Json.mapper();

    private Replies() {}

    /**
     * Writes a JSON reply.
     *
     * @param response the response
     * @param status the status code
     * @param body what to serialize
     * @throws IOException when writing fails
     */
    static void json(Response response, int status, Object body) throws IOException {
        bytes(response, status, "application/json", JSON.writeValueAsBytes(body));
    }

    /**
     * Writes a reply of bytes.
     *
     * @param response the response
     * @param status the status code
     * @param contentType its content type
     * @param body the bytes
     * @throws IOException when writing fails
     */
    static void bytes(Response response, int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(body);
        }
    }

    /**
     * Writes a failure.
     *
     * @param response the response
     * @param failure what went wrong
     * @throws IOException when writing fails
     */
    static void error(Response response, Throwable failure) throws IOException {
        int status = status(failure);
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (status == 500) {
            // The agent's own trouble: its message may name files of the repository, which stay in
            // the log (AgentHandler prints the trace) and out of the answer.
            message = "internal error of the agent; its log has the details";
        }
        if (status == 413 || status == 401 || status == 408) {
            // The rest of the body is not read; the connection cannot be reused.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        byte[] body = JSON.writeValueAsString(Map.of("error", message)).getBytes(StandardCharsets.UTF_8);
        bytes(response, status, "application/json", body);
    }

    /**
     * The status code of a failure.
     *
     * @param failure the failure
     * @return 400, 401, 404, 409, 413, 429 or 500
     */
    static int status(Throwable failure) {
        return switch (failure) {
            case HttpFailure http -> http.status();
            case HttpException http -> http.getCode(); // 408 from SlowClientGuard
            case UnknownModel unknown -> 404;
            case InvalidInput invalid -> 400;
            case Conflict conflict -> 409;
            case Overloaded overloaded -> 429;
            case UserError user -> 400;
            default -> 500;
        };
    }
}

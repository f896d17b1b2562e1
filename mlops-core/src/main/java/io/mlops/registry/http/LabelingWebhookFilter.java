package io.mlops.registry.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.error.UserError;
import io.mlops.store.StoreFailure;
import io.mlops.store.StoreUnavailable;
import io.mlops.tracking.http.ErrorResponse;
import io.mlops.tracking.http.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serial;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Receives labeling tools' webhooks at {@code POST /api/2.0/mlops/labeling/{tool}?model=NAME}
 * ({@code label-studio} or {@code cvat}), as a filter that answers its paths and passes every other
 * request on. The deliveries authenticate themselves (a shared secret header, or CVAT's signature), so
 * the filter must sit before any filter that demands the server's token. What a delivery means is the
 * {@link Receiver}'s business (mlops-core's trigger package); this class only speaks HTTP: the body
 * limit, the query, and the answer {@code {"message"}} or {@code {"error": {"code", "message"}}}.
 */
public final class LabelingWebhookFilter extends HttpFilter {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The path below which the tools post. */
    public static final String PREFIX = "/api/2.0/mlops/labeling/";

    /** The largest body accepted: Label Studio puts the task and its annotation into each delivery. */
    public static final int MAX_BODY = 4 * 1024 * 1024;

    private static final long DISCARDED = 16L << 20;

    private final transient Receiver receiver;

    /**
     * Creates the filter.
     *
     * @param receiver what verifies and records the deliveries
     */
    public LabelingWebhookFilter(Receiver receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /** Verifies and records one delivery. */
    @FunctionalInterface
    public interface Receiver {
        /**
         * Handles a delivery.
         *
         * @param tool the tool named in the path, as given
         * @param model the {@code model} query parameter, or null
         * @param headers the request's headers by name
         * @param body the body, exactly as received
         * @return the answer
         */
        Answer receive(String tool, String model, UnaryOperator<String> headers, byte[] body);
    }

    /**
     * The answer to a delivery.
     *
     * @param status the HTTP status: 202 recorded, 200 nothing to record, 400, 401, 404
     * @param message what happened, for the tool's delivery log (never a secret)
     */
    public record Answer(int status, String message) {
        /** Validates the answer. */
        public Answer {
            Objects.requireNonNull(message, "message");
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(PREFIX)) {
            chain.doFilter(request, response);
            return;
        }
        String tool = path.substring(PREFIX.length());
        if (!request.getMethod().equals("POST")) {
            response.setHeader("Allow", "POST");
            send(response, new Answer(405, "labeling webhooks are POSTed"));
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
            long declared = request.getContentLengthLong();
            if (body.length > MAX_BODY && declared > 0 && declared <= DISCARDED) {
                // A refused body the client is still sending would reset the connection and lose the
                // answer in flight; one of modest size is read and dropped so the sender gets the 413.
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        if (body.length > MAX_BODY) {
            send(response, new Answer(413, "webhook body larger than " + MAX_BODY + " bytes"));
            return;
        }
        Answer answer;
        try {
            answer = receiver.receive(tool, query(request.getQueryString(), "model"), request::getHeader, body);
        } catch (StoreUnavailable e) {
            request.getServletContext().log("labeling webhook failed: " + path, e);
            response.setHeader("Retry-After", "1");
            answer = new Answer(503, e.publicMessage());
        } catch (StoreFailure e) {
            request.getServletContext().log("labeling webhook failed: " + path, e);
            answer = new Answer(500, e.publicMessage());
        } catch (UserError e) {
            answer = new Answer(400, e.getMessage());
        } catch (RuntimeException e) {
            request.getServletContext().log("labeling webhook failed: " + path, e);
            answer = new Answer(500, ErrorResponse.INTERNAL);
        }
        send(response, answer);
    }

    // From the raw query only: the body is the tool's JSON, never form parameters.
    private static String query(String raw, String name) {
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name)) {
                try {
                    return URLDecoder.decode(equals < 0 ? "" : pair.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new UserError("query parameter '" + name + "' has a broken percent-escape");
                }
            }
        }
        return null;
    }

    private static void send(HttpServletResponse response, Answer answer) throws IOException {
        response.setStatus(answer.status());
        response.setHeader("Cache-Control", "no-store");
        if (answer.status() == 401) {
            response.setHeader("WWW-Authenticate", "Signature");
        }
        if (answer.status() < 400) {
            ObjectNode body = Json.empty();
            body.put("message", answer.message());
            Json.write(response, body);
            return;
        }
        ApiError.Code code = switch (answer.status()) {
            case 401 -> ApiError.Code.UNAUTHENTICATED;
            case 404 -> ApiError.Code.NOT_FOUND;
            case 500, 503 -> ApiError.Code.INTERNAL;
            default -> ApiError.Code.INVALID_ARGUMENT;
        };
        Json.write(response, ApiError.body(code, answer.message()));
    }
}

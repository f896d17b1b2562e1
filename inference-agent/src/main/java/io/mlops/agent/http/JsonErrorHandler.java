package io.mlops.agent.http;

import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the requests Jetty refuses before they reach the agent (an ambiguous encoded path, a bad
 * header) in the V2 protocol's error shape, {@code {"error": "..."}}, for every method, instead of
 * an HTML page (Jetty's default, and for PUT or DELETE an empty body).
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int code = response.getStatus();
        Object message = request.getAttribute(ERROR_MESSAGE);
        String text =
                message == null || message.toString().isBlank() ? HttpStatus.getMessage(code) : message.toString();
        byte[] body = Replies.JSON.writeValueAsBytes(Map.of("error", "HTTP " + code + ": " + text));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}

package io.mlops.cli.server;

import io.mlops.tracking.ErrorCode;
import io.mlops.tracking.http.ErrorResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.Serial;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The server's access log: one line per request with method, path, status and duration, and the
 * MLflow error code when the answer is an error, e.g.
 * {@code INFO access GET /api/2.0/mlflow/runs/get 404 3ms RESOURCE_DOES_NOT_EXIST}. The query
 * string is never written (tokens and signed URLs travel there), nor any header.
 */
final class AccessLog extends HttpFilter {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Consumer<String> lines;

    /**
     * Creates the log.
     *
     * @param lines where each line goes, called from many request threads
     */
    AccessLog(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        Observed observed = new Observed(response);
        boolean failed = true;
        try {
            chain.doFilter(request, observed);
            failed = false;
        } finally {
            // An exception that escapes the chain becomes a 500 in the host, after this filter.
            int status = failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus();
            long millis = (System.nanoTime() - start) / 1_000_000;
            lines.accept(line(request.getMethod(), request.getRequestURI(), status, millis, observed.code));
        }
    }

    /**
     * One line of the log.
     *
     * @param method the HTTP method
     * @param path the request path, without the query
     * @param status the HTTP status
     * @param millis how long the answer took
     * @param code the MLflow error code, or null
     * @return the line, without a line break
     */
    static String line(String method, String path, int status, long millis, ErrorCode code) {
        return String.format(
                Locale.ROOT,
                "INFO access %s %s %d %dms%s",
                printable(method),
                printable(path),
                status,
                millis,
                code == null ? "" : " " + code.name());
    }

    // A path is the client's text: no control characters may forge a second log line.
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "%%%02X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** The response, told the error code by {@link ErrorResponse}. */
    private static final class Observed extends HttpServletResponseWrapper implements ErrorResponse.Observer {
        private volatile ErrorCode code;

        Observed(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void errorCode(ErrorCode errorCode) {
            this.code = errorCode;
        }
    }
}

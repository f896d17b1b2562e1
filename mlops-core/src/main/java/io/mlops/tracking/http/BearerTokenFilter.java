package io.mlops.tracking.http;

import io.mlops.tracking.ErrorCode;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Lets through only requests that carry {@code Authorization: Bearer <token>}, as MLflow's client
 * sends when {@code MLFLOW_TRACKING_TOKEN} is set; others get 401 UNAUTHENTICATED. The token is
 * compared in constant time and never written anywhere.
 */
public final class BearerTokenFilter implements Filter {
    private final byte[] expected;

    /**
     * Creates the filter.
     *
     * @param token the token clients must present
     */
    public BearerTokenFilter(String token) {
        if (Objects.requireNonNull(token, "token").isBlank()) {
            throw new IllegalArgumentException("an empty token would let everyone in");
        }
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = ((HttpServletRequest) request).getHeader("Authorization");
        byte[] presented = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, presented)) {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("WWW-Authenticate", "Bearer");
            ErrorResponse.send(
                    http,
                    ErrorCode.UNAUTHENTICATED,
                    header == null
                            ? "This tracking server needs a token: set MLFLOW_TRACKING_TOKEN"
                            : "The token is not valid for this tracking server");
            return;
        }
        chain.doFilter(request, response);
    }
}

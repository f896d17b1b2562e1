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
import java.util.function.Predicate;

/**
 * Lets through only requests whose {@code Authorization: Bearer <token>} a verifier accepts: the
 * tokens a host issues per job and revokes when the job ends (in Jenkins, one per {@code trackRun}
 * build). Others get 401 UNAUTHENTICATED; the presented token is never echoed or logged.
 */
public final class VerifiedBearerFilter implements Filter {
    private static final String SCHEME = "Bearer ";

    private final Predicate<String> verifier;

    /**
     * Creates the filter.
     *
     * @param verifier whether a presented token is live
     */
    public VerifiedBearerFilter(Predicate<String> verifier) {
        this.verifier = verifier;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = ((HttpServletRequest) request).getHeader("Authorization");
        boolean bearer = header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
        if (!bearer || !verifier.test(header.substring(SCHEME.length()).strip())) {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("WWW-Authenticate", "Bearer");
            ErrorResponse.send(
                    http,
                    ErrorCode.UNAUTHENTICATED,
                    header == null
                            ? "This tracking API needs a token: set MLFLOW_TRACKING_TOKEN"
                            : "The token is not valid (unknown, or its build has ended)");
            return;
        }
        chain.doFilter(request, response);
    }
}

package io.mlops.tracking.http;

import io.mlops.net.HostCheck;
import io.mlops.tracking.ErrorCode;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Refuses requests whose {@code Host} is not one the server answers, and writes from another site's
 * {@code Origin} ({@link HostCheck}), with 403 PERMISSION_DENIED: a page that rebinds its DNS name to
 * this server's address can then neither read nor write it. It runs before every other filter.
 */
public final class HostCheckFilter implements Filter {
    private final HostCheck check;

    /**
     * Creates the filter.
     *
     * @param check the hosts and origins allowed
     */
    public HostCheckFilter(HostCheck check) {
        this.check = Objects.requireNonNull(check, "check");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Optional<String> refusal = check.refusal(http.getMethod(), http.getHeader("Host"), http.getHeader("Origin"));
        if (refusal.isPresent()) {
            ErrorResponse.send((HttpServletResponse) response, ErrorCode.PERMISSION_DENIED, refusal.get());
            return;
        }
        chain.doFilter(request, response);
    }
}

package io.mlops.tracking.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * The protocol filters and the servlet behind them, run for one request by a host that has no
 * servlet container of its own to mount them in (Jenkins' Stapler hands requests to an action).
 *
 * <p>The same filters and servlet that {@code mlops server} mounts on Jetty, in the same order:
 * one implementation of each protocol, several hosts.
 */
public final class ProtocolStack {
    private final List<Filter> filters;
    private final HttpServlet servlet;

    /**
     * Creates a stack.
     *
     * @param filters filters run in order; each answers its own paths or passes the request on
     * @param servlet the servlet that answers what no filter answered
     */
    public ProtocolStack(List<Filter> filters, HttpServlet servlet) {
        this.filters = List.copyOf(filters);
        this.servlet = servlet;
    }

    /**
     * Handles one request.
     *
     * @param request the request, re-rooted at the stack's mount ({@link MountedRequest})
     * @param response the response
     * @throws IOException when the client connection fails
     * @throws ServletException when a filter or the servlet fails
     */
    public void serve(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        new Chain(0).doFilter(request, response);
    }

    /** One position in the filter list; the end of the list is the servlet. */
    private final class Chain implements FilterChain {
        private final int next;

        Chain(int next) {
            this.next = next;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
            if (next < filters.size()) {
                filters.get(next).doFilter(request, response, new Chain(next + 1));
            } else {
                servlet.service(request, response);
            }
        }
    }
}

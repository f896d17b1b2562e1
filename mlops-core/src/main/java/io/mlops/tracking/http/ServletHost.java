package io.mlops.tracking.http;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A web server that serves a servlet: Jetty in the CLI, the Jenkins controller in the plugins. The
 * engine needs one to offer the tracking API to the code it runs, and stays free of any server.
 */
public interface ServletHost {
    /**
     * Starts serving a servlet at the root of a new endpoint.
     *
     * @param address where to listen; port 0 picks a free one
     * @param servlet what answers every request
     * @param filters what runs before it, in order
     * @return the running endpoint
     * @throws IOException when the address cannot be bound
     */
    HostedEndpoint serve(InetSocketAddress address, HttpServlet servlet, List<Filter> filters) throws IOException;
}

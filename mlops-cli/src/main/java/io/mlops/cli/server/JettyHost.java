package io.mlops.cli.server;

import io.mlops.error.UserError;
import io.mlops.jetty.SlowClientGuard;
import io.mlops.net.ConnectionLimits;
import io.mlops.tracking.http.HostedEndpoint;
import io.mlops.tracking.http.ServletHost;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves the servlets of mlops-core on Jetty 12, within {@link ConnectionLimits} so that slow clients
 * cannot hold its threads.
 */
public final class JettyHost implements ServletHost {
    private final ConnectionLimits limits;

    /** A host with the default connection limits. */
    public JettyHost() {
        this(ConnectionLimits.DEFAULTS);
    }

    /**
     * A host with the given connection limits.
     *
     * @param limits connections, header and body timeouts
     */
    public JettyHost(ConnectionLimits limits) {
        this.limits = limits;
    }

    @Override
    public HostedEndpoint serve(InetSocketAddress address, HttpServlet servlet, List<Filter> filters)
            throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("mlops-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // The servlet checks request paths itself (ArtifactPath) and answers with MLflow's errors;
        // it must see them as sent, whatever host runs it, so Jetty passes them through.
        http.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        server.addConnector(connector);
        SlowClientGuard.protect(server, connector, limits);
        ServletContextHandler context = new ServletContextHandler("/");
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        for (Filter filter : filters) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(servlet), "/*");
        server.setHandler(new SlowClientGuard(context, limits));
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new UserError(
                        "cannot listen on " + address.getHostString() + ":" + address.getPort() + ": " + e.getMessage()
                                + " (is another server using the port?)",
                        e);
            }
            throw e;
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException("cannot start the HTTP server on " + address + ": " + e.getMessage(), e);
        }
        String host =
                address.getHostString().contains(":") ? "[" + address.getHostString() + "]" : address.getHostString();
        URI uri = URI.create("http://" + host + ":" + connector.getLocalPort());
        return new HostedEndpoint() {
            @Override
            public URI uri() {
                return uri;
            }

            @Override
            public void close() {
                stopQuietly(server);
            }
        };
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort: the port is released when the JVM exits anyway.
        }
    }
}

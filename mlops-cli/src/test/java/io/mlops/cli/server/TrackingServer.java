package io.mlops.cli.server;

import io.mlops.blob.LocalBlobStore;
import io.mlops.store.Database;
import io.mlops.tracking.JdbcTrackingStore;
import io.mlops.tracking.TrackingStore;
import io.mlops.tracking.http.HostedEndpoint;
import io.mlops.tracking.http.MlflowServlet;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mlops server}'s tracking API started in the test's JVM on Jetty: the same servlet, host
 * and store as the command, on a free loopback port.
 */
final class TrackingServer implements AutoCloseable {
    private final Database database;
    private final TrackingStore store;
    private final LocalBlobStore blobs;
    private final HostedEndpoint endpoint;

    private TrackingServer(Database database, LocalBlobStore blobs, List<Filter> filters) throws IOException {
        this.database = database;
        this.store = new JdbcTrackingStore(database);
        this.blobs = blobs;
        this.endpoint =
                new JettyHost().serve(new InetSocketAddress("127.0.0.1", 0), new MlflowServlet(store, blobs), filters);
    }

    /**
     * Serves a store.
     *
     * @param database the open metadata database; closed with the server
     * @param artifacts the blob directory
     * @param filters filters before the servlet (authentication, test probes)
     * @return the running server
     * @throws IOException when Jetty cannot start
     */
    static TrackingServer start(Database database, Path artifacts, Filter... filters) throws IOException {
        return new TrackingServer(database, new LocalBlobStore(artifacts), new ArrayList<>(List.of(filters)));
    }

    URI uri() {
        return endpoint.uri();
    }

    TrackingStore store() {
        return store;
    }

    LocalBlobStore blobs() {
        return blobs;
    }

    @Override
    public void close() {
        endpoint.close();
        database.close();
    }
}

package io.mlops.tracking.http;

import io.mlops.blob.BlobStore;
import io.mlops.tracking.TrackingStore;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/** Serves the tracking API on a host, with bearer-token authentication when a token is given. */
public final class TrackingApi {
    private TrackingApi() {}

    /**
     * Starts the API on a host.
     *
     * @param host the web server
     * @param address where to listen; port 0 picks a free one
     * @param store where experiments and runs are kept
     * @param blobs where artifact bytes are kept
     * @param token the token clients must present, or null to let every client in
     * @return the running endpoint
     * @throws IOException when the address cannot be bound
     */
    public static HostedEndpoint serve(
            ServletHost host, InetSocketAddress address, TrackingStore store, BlobStore blobs, String token)
            throws IOException {
        return serve(host, address, store, blobs, token, List.of());
    }

    /**
     * Starts the API on a host with further protocols in front of it, such as the model registry's.
     *
     * @param host the web server
     * @param address where to listen; port 0 picks a free one
     * @param store where experiments and runs are kept
     * @param blobs where artifact bytes are kept
     * @param token the token clients must present, or null to let every client in
     * @param protocols filters that answer their own paths and pass the others on, after authentication
     * @return the running endpoint
     * @throws IOException when the address cannot be bound
     */
    public static HostedEndpoint serve(
            ServletHost host,
            InetSocketAddress address,
            TrackingStore store,
            BlobStore blobs,
            String token,
            List<Filter> protocols)
            throws IOException {
        return serve(host, address, store, blobs, token, List.of(), protocols);
    }

    /**
     * Starts the API on a host with filters that answer before authentication (files that hold no
     * data, such as the registry web UI's page and scripts) and protocols after it.
     *
     * @param host the web server
     * @param address where to listen; port 0 picks a free one
     * @param store where experiments and runs are kept
     * @param blobs where artifact bytes are kept
     * @param token the token clients must present, or null to let every client in
     * @param open filters that answer their own paths without a token and pass the others on
     * @param protocols filters that answer their own paths and pass the others on, after authentication
     * @return the running endpoint
     * @throws IOException when the address cannot be bound
     */
    public static HostedEndpoint serve(
            ServletHost host,
            InetSocketAddress address,
            TrackingStore store,
            BlobStore blobs,
            String token,
            List<Filter> open,
            List<Filter> protocols)
            throws IOException {
        List<Filter> filters = new java.util.ArrayList<>(open);
        if (token != null) {
            filters.add(new BearerTokenFilter(token));
        }
        filters.addAll(protocols);
        return host.serve(address, new MlflowServlet(store, blobs), filters);
    }
}

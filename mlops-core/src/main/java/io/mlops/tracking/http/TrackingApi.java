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
     * Starts the API on a host with filters that run before authentication (the registry web UI's
     * files, which hold no data, and the registry API, whose reads are open and which checks the token
     * itself for writes), then further protocols behind it.
     *
     * @param host the web server
     * @param address where to listen; port 0 picks a free one
     * @param store where experiments and runs are kept
     * @param blobs where artifact bytes are kept
     * @param token the token clients must present, or null to let every client in
     * @param beforeAuthentication filters that run before the token filter: they answer only what needs
     *     no token, or enforce the token themselves, and pass every other request on
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
            List<Filter> beforeAuthentication,
            List<Filter> protocols)
            throws IOException {
        List<Filter> filters = new java.util.ArrayList<>(beforeAuthentication);
        if (token != null) {
            filters.add(new BearerTokenFilter(token));
        }
        filters.addAll(protocols);
        return host.serve(address, new MlflowServlet(store, blobs), filters);
    }
}

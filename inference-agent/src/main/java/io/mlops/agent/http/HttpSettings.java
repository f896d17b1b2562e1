package io.mlops.agent.http;

import io.mlops.agent.labeling.LabelStudioAccess;
import io.mlops.net.ConnectionLimits;
import java.util.List;
import java.util.Objects;

/**
 * How the agent's HTTP server listens and what it accepts.
 *
 * @param host the address to bind, loopback unless told otherwise
 * @param port the port; 0 picks a free one
 * @param maxBodyBytes the largest inference request body
 * @param maxBundleBytes the largest deployment bundle upload
 * @param adminToken the bearer token of the admin API
 * @param inferenceToken the bearer token of the inference endpoints, or null for none
 * @param limits how long and how many slow clients are waited for
 * @param allowedHosts Host names answered besides localhost, address literals and {@code host}
 *     ({@code *} for all)
 * @param allowedOrigins origins that may write besides loopback and the agent's own ({@code *} for all)
 * @param labelStudio the Label Studio server pre-annotation downloads task images from, or null for none
 */
public record HttpSettings(
        String host,
        int port,
        long maxBodyBytes,
        long maxBundleBytes,
        String adminToken,
        String inferenceToken,
        ConnectionLimits limits,
        List<String> allowedHosts,
        List<String> allowedOrigins,
        LabelStudioAccess labelStudio) {
    /** Validates the settings. */
    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(limits, "limits");
        allowedHosts = List.copyOf(allowedHosts);
        allowedOrigins = List.copyOf(allowedOrigins);
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("an admin token is required");
        }
        if (maxBodyBytes < 1 || maxBundleBytes < 1) {
            throw new IllegalArgumentException("body limits must be positive");
        }
    }

    /**
     * Settings with the default connection limits and no further hosts or origins.
     *
     * @param host the address to bind
     * @param port the port; 0 picks a free one
     * @param maxBodyBytes the largest inference request body
     * @param maxBundleBytes the largest deployment bundle upload
     * @param adminToken the bearer token of the admin API
     * @param inferenceToken the bearer token of the inference endpoints, or null for none
     */
    public HttpSettings(
            String host, int port, long maxBodyBytes, long maxBundleBytes, String adminToken, String inferenceToken) {
        this(
                host,
                port,
                maxBodyBytes,
                maxBundleBytes,
                adminToken,
                inferenceToken,
                ConnectionLimits.DEFAULTS,
                List.of(),
                List.of(),
                null);
    }

    /**
     * These settings with a Label Studio server to download task images from.
     *
     * @param access the server, its token and the image limits
     * @return the new settings
     */
    public HttpSettings withLabelStudio(LabelStudioAccess access) {
        return new HttpSettings(
                host,
                port,
                maxBodyBytes,
                maxBundleBytes,
                adminToken,
                inferenceToken,
                limits,
                allowedHosts,
                allowedOrigins,
                access);
    }
}

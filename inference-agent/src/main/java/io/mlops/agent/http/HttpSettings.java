package io.mlops.agent.http;

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
 */
public record HttpSettings(
        String host, int port, long maxBodyBytes, long maxBundleBytes, String adminToken, String inferenceToken) {
    /** Validates the settings. */
    public HttpSettings {
        Objects.requireNonNull(host, "host");
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("an admin token is required");
        }
        if (maxBodyBytes < 1 || maxBundleBytes < 1) {
            throw new IllegalArgumentException("body limits must be positive");
        }
    }
}

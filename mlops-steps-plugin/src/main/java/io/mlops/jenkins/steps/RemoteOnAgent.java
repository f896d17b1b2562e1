package io.mlops.jenkins.steps;

import io.mlops.objectstore.S3Credentials;
import io.mlops.objectstore.S3Settings;
import java.io.Serializable;
import java.net.URI;
import java.util.Optional;

/**
 * A data remote and the S3 connection to it, as the controller resolved them (the credential from the
 * Credentials plugin included), in a form that travels to the agent doing the transfer. The secret is
 * never printed: {@link #toString()} names the location only.
 */
final class RemoteOnAgent implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final String endpoint;
    private final String region;
    private final boolean pathStyle;
    private final String accessKeyId;
    private final String secretAccessKey;

    private RemoteOnAgent(
            String location,
            String endpoint,
            String region,
            boolean pathStyle,
            String accessKeyId,
            String secretAccessKey) {
        this.location = location;
        this.endpoint = endpoint;
        this.region = region;
        this.pathStyle = pathStyle;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
    }

    /**
     * Captures a remote and its connection.
     *
     * @param location the remote as configured ({@code s3://bucket/prefix} or a directory)
     * @param settings the S3 connection
     * @return the travelling form
     */
    static RemoteOnAgent of(String location, S3Settings settings) {
        return new RemoteOnAgent(
                location,
                settings.endpoint().map(URI::toString).orElse(null),
                settings.region().orElse(null),
                settings.pathStyle(),
                settings.credentials().map(S3Credentials::accessKeyId).orElse(null),
                settings.credentials().map(S3Credentials::secretAccessKey).orElse(null));
    }

    /** @return the remote as configured */
    String location() {
        return location;
    }

    /** @return the S3 connection, with the agent's AWS default chain when no credential was configured */
    S3Settings settings() {
        S3Settings settings = new S3Settings(
                Optional.ofNullable(endpoint).map(URI::create),
                Optional.ofNullable(region),
                pathStyle,
                Optional.empty());
        return accessKeyId == null
                ? settings
                : settings.withCredentials(new S3Credentials(accessKeyId, secretAccessKey, Optional.empty()));
    }

    @Override
    public String toString() {
        return location;
    }
}

package io.mlops.objectstore;

import io.mlops.error.UserError;
import java.util.Optional;

/**
 * An access key given explicitly (in Jenkins: from a Credentials plugin entry) rather than found by the
 * AWS default chain. Never printed: {@link #toString()} shows the key id only.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret
 * @param sessionToken a session token for temporary credentials, if any
 */
public record S3Credentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    /** Refuses empty parts. */
    public S3Credentials {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new UserError("S3 credentials: the access key id is empty");
        }
        if (secretAccessKey == null || secretAccessKey.isEmpty()) {
            throw new UserError("S3 credentials for " + accessKeyId + ": the secret access key is empty");
        }
        sessionToken = sessionToken == null ? Optional.empty() : sessionToken.filter(token -> !token.isEmpty());
    }

    @Override
    public String toString() {
        return "S3Credentials[" + accessKeyId + ", secret ****]";
    }
}

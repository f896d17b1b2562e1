package io.mlops.cli.data;

import io.mlops.data.Remote;
import io.mlops.objectstore.S3Credentials;
import io.mlops.objectstore.S3Settings;
import io.mlops.objectstore.StorageLocation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where {@code mlops data push|pull} transfer to or from, with DVC's names for the settings: the remote
 * ({@code s3://bucket/prefix} or a directory), {@code --jobs} and {@code --endpoint-url}. The rest of the
 * S3 connection (region, path style, credentials) comes from the environment, as the AWS CLI reads it
 * ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, else the rest of the AWS default chain:
 * profiles, instance roles).
 */
final class RemoteOptions {
    @Option(
            names = "--remote",
            required = true,
            paramLabel = "LOCATION",
            description = "s3://bucket/prefix or a directory (other schemes are refused).")
    private String remote;

    @Option(
            names = {"-j", "--jobs"},
            paramLabel = "N",
            description = "Objects transferred at once (default: ${DEFAULT-VALUE}, 4 per CPU as DVC).")
    private int jobs = Math.min(64, 4 * Runtime.getRuntime().availableProcessors());

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "S3-compatible server (MinIO, Ceph, ...); default: AWS_ENDPOINT_URL_S3 or"
                    + " AWS_ENDPOINT_URL, else AWS. DVC's remote setting 'endpointurl'.")
    private String endpointUrl;

    /**
     * The remote as given.
     *
     * @return the text of --remote
     */
    String text() {
        return remote;
    }

    /**
     * How many transfers run at once.
     *
     * @return at least 1
     */
    int jobs() {
        if (jobs < 1) {
            throw new io.mlops.error.UserError("--jobs must be at least 1, got " + jobs);
        }
        return jobs;
    }

    /**
     * Opens the remote: the location read by {@link StorageLocation#parse} (relative directories against
     * the working directory), the S3 settings from the environment and {@code --endpoint-url}.
     *
     * @param environment the command's environment
     * @return the remote; the caller closes it
     */
    Remote open(Map<String, String> environment) {
        StorageLocation location = StorageLocation.parse(remote, Path.of("").toAbsolutePath());
        Map<String, String> settings = new HashMap<>(environment);
        if (endpointUrl != null) {
            settings.put(
                    S3Settings.ENDPOINT_S3, S3Settings.endpointUri(endpointUrl).toString());
        }
        S3Settings s3 = S3Settings.fromEnvironment(settings);
        String keyId = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (keyId != null && !keyId.isBlank() && secret != null && !secret.isEmpty()) {
            // the command's environment, as the AWS chain would read it from the process's
            s3 = s3.withCredentials(
                    new S3Credentials(keyId, secret, Optional.ofNullable(environment.get("AWS_SESSION_TOKEN"))));
        }
        return Remote.open(location, s3, jobs());
    }
}

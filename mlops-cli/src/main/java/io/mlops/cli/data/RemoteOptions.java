package io.mlops.cli.data;

import io.mlops.data.DvcRemote;
import io.mlops.data.DvcRepository;
import io.mlops.data.Remote;
import io.mlops.error.UserError;
import io.mlops.objectstore.S3Credentials;
import io.mlops.objectstore.S3Settings;
import io.mlops.objectstore.StorageLocation;
import java.nio.file.Files;
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
            paramLabel = "LOCATION",
            description = "s3://bucket/prefix or a directory (other schemes are refused); default: the DVC"
                    + " repository's default remote (core.remote in .dvc/config), as dvc push uses.")
    private String remote;

    /** The remote in use, once {@link #open} chose it. */
    private String chosen;

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
     * The remote in use, for messages: --remote as given, or the URL of the DVC default remote.
     *
     * @return the remote's text
     */
    String text() {
        return chosen != null ? chosen : remote;
    }

    /**
     * How many transfers run at once.
     *
     * @return at least 1
     */
    int jobs() {
        if (jobs < 1) {
            throw new UserError("--jobs must be at least 1, got " + jobs);
        }
        return jobs;
    }

    /**
     * Opens the remote: the location read by {@link StorageLocation#parse} (relative directories against
     * the working directory), the S3 settings from the environment and {@code --endpoint-url}. Without
     * --remote, the default remote of the DVC repository holding the snapshot's {@code .dvc} file (or the
     * working directory): its {@code url} (a relative directory read against {@code .dvc/}, as DVC reads
     * it) and its {@code endpointurl} unless --endpoint-url is given.
     *
     * @param environment the command's environment
     * @param reference the snapshot as given: a {@code .dvc} file names the repository to read
     * @return the remote; the caller closes it
     * @throws UserError when no --remote is given and the repository has no default remote
     */
    Remote open(Map<String, String> environment, String reference) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        String where = remote;
        Path base = workingDirectory;
        String endpoint = endpointUrl;
        if (where == null) {
            Path dvcFile = reference == null ? null : workingDirectory.resolve(reference);
            Path start = dvcFile != null && reference.endsWith(".dvc") && Files.isRegularFile(dvcFile)
                    ? dvcFile
                    : workingDirectory;
            DvcRemote configured = DvcRepository.containing(start)
                    .flatMap(DvcRepository::defaultRemote)
                    .orElseThrow(() -> new UserError("no --remote given and no default DVC remote (core.remote in"
                            + " .dvc/config) for " + start + ": give --remote s3://bucket/prefix, or set one with"
                            + " 'dvc remote add -d NAME URL'"));
            where = configured.url();
            base = configured.base();
            if (endpoint == null) {
                endpoint = configured.endpointUrl().orElse(null);
            }
        }
        chosen = where;
        StorageLocation location = StorageLocation.parse(where, base);
        Map<String, String> settings = new HashMap<>(environment);
        if (endpoint != null) {
            settings.put(
                    S3Settings.ENDPOINT_S3, S3Settings.endpointUri(endpoint).toString());
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

package io.mlops.cli.server;

import io.mlops.home.SuiteHome;
import io.mlops.objectstore.S3Settings;
import io.mlops.objectstore.StorageLocation;
import io.mlops.store.StoreUrl;
import io.mlops.suite.SuiteStores;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --store} and {@code --artifacts}: where tracking data lives, for every command that needs it. */
public final class StoreOptions {
    @Option(
            names = "--store",
            paramLabel = "URL",
            description = "The metadata store: sqlite:PATH or postgresql://USER@HOST[:PORT]/DB"
                    + " (password from the URL or $PGPASSWORD). Default: sqlite:<home>/mlops.db.")
    private String store;

    @Option(
            names = "--artifacts",
            paramLabel = "DIR|s3://BUCKET/PREFIX",
            description = "Where artifact files are kept, content-addressed: a directory or an S3 bucket"
                    + " (endpoint from $AWS_ENDPOINT_URL_S3 or $AWS_ENDPOINT_URL, region from $AWS_REGION,"
                    + " path-style addressing when an endpoint is set unless MLOPS_S3_PATH_STYLE=false,"
                    + " credentials from the AWS default chain). Default: <home>/artifacts.")
    private String artifacts;

    /**
     * Opens the stores the options name, through the suite's composition root.
     *
     * @param home the suite's home, for the defaults
     * @param environment the command's environment, for the S3 settings of an {@code s3://} location
     * @return the open stores; the caller closes them
     * @throws io.mlops.error.UserError when a location is invalid or cannot be reached
     */
    public SuiteStores open(SuiteHome home, Map<String, String> environment) {
        StorageLocation location = artifacts == null ? null : StorageLocation.parse(artifacts, Path.of(""));
        return SuiteStores.open(
                home,
                store == null ? null : StoreUrl.parse(store),
                location,
                location instanceof StorageLocation.S3 ? S3Settings.fromEnvironment(environment) : null);
    }
}

package io.mlops.cli.server;

import io.mlops.home.SuiteHome;
import io.mlops.store.StoreUrl;
import io.mlops.suite.SuiteStores;
import java.nio.file.Path;
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
            paramLabel = "DIR",
            description = "Where artifact files are kept, content-addressed. Default: <home>/artifacts.")
    private Path artifacts;

    /**
     * Opens the stores the options name, through the suite's composition root.
     *
     * @param home the suite's home, for the defaults
     * @return the open stores; the caller closes them
     */
    public SuiteStores open(SuiteHome home) {
        return SuiteStores.open(home, store == null ? null : StoreUrl.parse(store), artifacts);
    }
}

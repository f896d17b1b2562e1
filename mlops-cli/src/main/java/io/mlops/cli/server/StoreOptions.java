package io.mlops.cli.server;

import io.mlops.blob.LocalBlobStore;
import io.mlops.home.SuiteHome;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.tracking.JdbcTrackingStore;
import io.mlops.tracking.TrackingStore;
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
     * Opens the store the options name.
     *
     * @param home the suite's home, for the defaults
     * @return the open store; the caller closes it
     */
    public OpenStore open(SuiteHome home) {
        StoreUrl url = store == null ? StoreUrl.sqlite(home.directory().resolve("mlops.db")) : StoreUrl.parse(store);
        Path blobs = artifacts == null ? home.directory().resolve("artifacts") : artifacts;
        Database database = Database.open(url, Migrations.suite());
        return new OpenStore(database, new JdbcTrackingStore(database), new LocalBlobStore(blobs));
    }

    /**
     * An open tracking store and its blobs.
     *
     * @param database the metadata database
     * @param tracking the tracking store over it
     * @param blobs the artifact bytes
     */
    public record OpenStore(Database database, TrackingStore tracking, LocalBlobStore blobs) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
        }
    }
}

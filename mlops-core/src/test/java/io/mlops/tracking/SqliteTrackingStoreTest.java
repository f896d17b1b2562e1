package io.mlops.tracking;

import io.mlops.store.StoreUrl;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The tracking store on SQLite, the embedded default. */
class SqliteTrackingStoreTest extends TrackingStoreContract {
    @TempDir
    Path directory;

    @Override
    StoreUrl newStore() {
        return StoreUrl.sqlite(directory.resolve("mlops.db"));
    }
}

package io.mlops.data;

import io.mlops.store.StoreUrl;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteSnapshotCatalogTest extends SnapshotCatalogContract {
    @TempDir
    Path directory;

    @Override
    StoreUrl newStore() {
        return StoreUrl.sqlite(directory.resolve("mlops.db"));
    }
}

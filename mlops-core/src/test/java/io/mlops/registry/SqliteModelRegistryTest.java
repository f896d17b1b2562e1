package io.mlops.registry;

import io.mlops.store.StoreUrl;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The model registry on SQLite, the embedded default. */
class SqliteModelRegistryTest extends ModelRegistryContract {
    @TempDir
    Path directory;

    @Override
    StoreUrl newStore() {
        return StoreUrl.sqlite(directory.resolve("mlops.db"));
    }
}

package io.mlops.registry;

import io.mlops.store.StoreUrl;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Model directory versions on SQLite, the embedded default. */
class SqliteModelDirectoryTest extends ModelDirectoryContract {
    @TempDir
    Path directory;

    @Override
    StoreUrl newStore() {
        return StoreUrl.sqlite(directory.resolve("mlops.db"));
    }
}

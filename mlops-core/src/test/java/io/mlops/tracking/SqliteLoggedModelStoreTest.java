package io.mlops.tracking;

import io.mlops.store.StoreUrl;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Logged models on SQLite, the embedded default. */
class SqliteLoggedModelStoreTest extends LoggedModelStoreContract {
    @TempDir
    Path directory;

    @Override
    StoreUrl newStore() {
        return StoreUrl.sqlite(directory.resolve("mlops.db"));
    }
}

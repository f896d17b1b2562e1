package io.mlops.monitor;

import io.mlops.store.StoreUrl;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The deployment health series on SQLite. */
class SqliteHealthHistoryTest extends HealthHistoryContract {
    @TempDir
    Path directory;

    @Override
    StoreUrl newStore() {
        return StoreUrl.sqlite(directory.resolve("mlops.db"));
    }
}

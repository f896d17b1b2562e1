package io.mlops.monitor;

import io.mlops.store.StoreUrl;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Alert rules and their evaluation on SQLite. */
class SqliteAlertMonitorTest extends AlertMonitorContract {
    @TempDir
    Path dir;

    @Override
    StoreUrl newStore() {
        return StoreUrl.sqlite(dir.resolve("mlops.db"));
    }
}

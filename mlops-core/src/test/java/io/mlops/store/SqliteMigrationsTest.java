package io.mlops.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteMigrationsTest extends MigrationsContract {
    @TempDir
    Path directory;

    private int files;

    @Override
    StoreUrl newStore() {
        return StoreUrl.sqlite(directory.resolve("store-" + ++files + ".db"));
    }
}

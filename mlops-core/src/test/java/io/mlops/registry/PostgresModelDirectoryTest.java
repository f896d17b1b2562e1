package io.mlops.registry;

import io.mlops.store.StoreUrl;
import io.mlops.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Model directory versions on a real PostgreSQL. */
class PostgresModelDirectoryTest extends ModelDirectoryContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    StoreUrl newStore() {
        return StoreUrl.parse(POSTGRES.createDatabase());
    }
}

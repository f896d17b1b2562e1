package io.mlops.store;

import io.mlops.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMigrationsTest extends MigrationsContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    StoreUrl newStore() {
        return StoreUrl.parse(POSTGRES.createDatabase());
    }
}

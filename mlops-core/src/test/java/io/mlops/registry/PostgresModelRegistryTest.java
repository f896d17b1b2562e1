package io.mlops.registry;

import io.mlops.store.StoreUrl;
import io.mlops.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The model registry on a real PostgreSQL. */
class PostgresModelRegistryTest extends ModelRegistryContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    StoreUrl newStore() {
        return StoreUrl.parse(POSTGRES.createDatabase());
    }
}

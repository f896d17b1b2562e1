package io.mlops.data;

import io.mlops.store.StoreUrl;
import io.mlops.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSnapshotCatalogTest extends SnapshotCatalogContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    StoreUrl newStore() {
        return StoreUrl.parse(POSTGRES.createDatabase());
    }
}

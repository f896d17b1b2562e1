package io.mlops.tracking;

import io.mlops.store.StoreUrl;
import io.mlops.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tracking store on a real PostgreSQL. */
class PostgresTrackingStoreTest extends TrackingStoreContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    StoreUrl newStore() {
        return StoreUrl.parse(POSTGRES.createDatabase());
    }
}

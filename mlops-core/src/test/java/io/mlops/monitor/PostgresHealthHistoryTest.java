package io.mlops.monitor;

import io.mlops.store.StoreUrl;
import io.mlops.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The deployment health series on a real PostgreSQL. */
class PostgresHealthHistoryTest extends HealthHistoryContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    StoreUrl newStore() {
        return StoreUrl.parse(POSTGRES.createDatabase());
    }
}

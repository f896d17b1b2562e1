package io.mlops.cli.server;

import io.mlops.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Acceptance with the real MLflow client on a real PostgreSQL. */
class PostgresMlflowClientAcceptanceTest extends MlflowClientAcceptance {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    String newStore() {
        return POSTGRES.createDatabase();
    }
}

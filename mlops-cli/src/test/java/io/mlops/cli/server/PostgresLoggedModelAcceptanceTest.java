package io.mlops.cli.server;

import io.mlops.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MLflow 3 model logging with the stock client on a real PostgreSQL. */
class PostgresLoggedModelAcceptanceTest extends LoggedModelAcceptance {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    String newStore() {
        return POSTGRES.createDatabase();
    }
}

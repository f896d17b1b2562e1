package io.mlops.cli.server;

import io.mlops.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Model directory versions with the stock client on a real PostgreSQL. */
class PostgresModelDirectoryAcceptanceTest extends ModelDirectoryAcceptance {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    String newStore() {
        return POSTGRES.createDatabase();
    }
}

package io.mlops.cli.server;

import io.mlops.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MLflow client surface on a real PostgreSQL. */
class PostgresMlflowClientSurfaceTest extends MlflowClientSurface {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    String newStore() {
        return POSTGRES.createDatabase();
    }
}

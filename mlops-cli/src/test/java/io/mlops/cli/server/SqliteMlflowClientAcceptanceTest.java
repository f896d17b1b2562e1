package io.mlops.cli.server;

/** Acceptance with the real MLflow client on SQLite, the embedded default. */
class SqliteMlflowClientAcceptanceTest extends MlflowClientAcceptance {
    private int stores;

    @Override
    String newStore() {
        return "sqlite:" + directory.resolve("store-" + ++stores + ".db");
    }
}

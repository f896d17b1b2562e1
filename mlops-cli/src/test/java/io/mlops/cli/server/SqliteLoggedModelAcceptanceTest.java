package io.mlops.cli.server;

/** MLflow 3 model logging with the stock client on SQLite, the embedded default. */
class SqliteLoggedModelAcceptanceTest extends LoggedModelAcceptance {
    private int stores;

    @Override
    String newStore() {
        return "sqlite:" + directory.resolve("store-" + ++stores + ".db");
    }
}

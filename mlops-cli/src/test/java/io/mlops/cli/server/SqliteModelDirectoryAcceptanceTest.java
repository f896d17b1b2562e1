package io.mlops.cli.server;

/** Model directory versions with the stock client on SQLite, the embedded default. */
class SqliteModelDirectoryAcceptanceTest extends ModelDirectoryAcceptance {
    private int stores;

    @Override
    String newStore() {
        return "sqlite:" + directory.resolve("store-" + ++stores + ".db");
    }
}

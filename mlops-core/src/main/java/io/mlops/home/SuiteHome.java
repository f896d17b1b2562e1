package io.mlops.home;

import io.mlops.store.Database;
import io.mlops.store.Migrations;
import java.nio.file.Path;
import java.util.Map;

/**
 * The suite's own directory: the metadata database, the object cache for data outside DVC
 * repositories, and the file-hash state. In Jenkins it lives under JENKINS_HOME.
 *
 * @param directory the home directory
 */
public record SuiteHome(Path directory) {
    /** The environment variable that moves the home. */
    public static final String ENV = "MLOPS_HOME";

    /** Normalizes the directory. */
    public SuiteHome {
        directory = directory.toAbsolutePath().normalize();
    }

    /**
     * Picks the home: an explicit directory, else {@code $MLOPS_HOME}, else {@code ~/.mlops}.
     *
     * @param explicit a directory the user named, or null
     * @param environment the process environment
     * @return the home
     */
    public static SuiteHome resolve(Path explicit, Map<String, String> environment) {
        if (explicit != null) {
            return new SuiteHome(explicit);
        }
        String fromEnv = environment.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new SuiteHome(Path.of(fromEnv));
        }
        return new SuiteHome(Path.of(System.getProperty("user.home"), ".mlops"));
    }

    /**
     * Opens the metadata database ({@code mlops.db}), migrating it to the current schema.
     *
     * @return the database
     */
    public Database database() {
        return Database.sqlite(directory.resolve("mlops.db"), Migrations.suite());
    }

    /**
     * The object cache for data outside DVC repositories.
     *
     * @return {@code <home>/cache}
     */
    public Path cache() {
        return directory.resolve("cache");
    }

    /**
     * The file-hash state for data outside DVC repositories.
     *
     * @return {@code <home>/state.db}
     */
    public Path stateFile() {
        return directory.resolve("state.db");
    }
}

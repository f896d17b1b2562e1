package io.mlops.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real peer programs the integration tests run against (dvc, python with mlflow...).
 *
 * <p>They live in the Python virtual environment that {@code bin/test} creates: {@code $MLOPS_VENV},
 * else {@code .venv} at the repository root. Outside CI a missing peer skips the test with the
 * reason; under CI ({@code CI=true}) it fails it, so CI can never pass without running it.
 */
public final class Peers {
    private Peers() {}

    /**
     * The virtual environment's directory.
     *
     * @return the path, which may not exist
     */
    public static Path venv() {
        String configured = System.getenv("MLOPS_VENV");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return repositoryRoot().resolve(".venv");
    }

    /**
     * A program of the virtual environment, e.g. {@code dvc} or {@code python}.
     *
     * @param name the program's name under {@code bin/}
     * @return its path
     */
    public static Path program(String name) {
        Path program = venv().resolve("bin").resolve(name);
        if (!Files.isExecutable(program)) {
            String reason =
                    name + " not found at " + program + "; run bin/test (it creates the venv) or set MLOPS_VENV";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            assumeTrue(false, reason);
        }
        return program;
    }

    /**
     * The repository root: the nearest parent holding {@code mvnw}.
     *
     * @return the root directory
     */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "not inside the repository: " + Path.of("").toAbsolutePath());
    }
}

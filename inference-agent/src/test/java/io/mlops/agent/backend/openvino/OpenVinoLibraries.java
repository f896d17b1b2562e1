package io.mlops.agent.backend.openvino;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mlops.testing.Peers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the OpenVINO runtime libraries of the {@code openvino} PyPI wheel in the test virtualenv
 * ({@code python/requirements-test.txt} pins it), or {@code $OPENVINO_LIB_DIR}. Missing: the test is
 * skipped outside CI and fails under {@code CI=true}, like every other peer.
 */
public final class OpenVinoLibraries {
    private OpenVinoLibraries() {}

    /**
     * The directory holding {@code libopenvino_c.so}.
     *
     * @return the directory
     */
    public static Path libDir() {
        String fromEnvironment = System.getenv(OpenVinoRuntime.LIB_DIR_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        Path lib = Peers.venv().resolve("lib");
        Optional<Path> found = Optional.empty();
        if (Files.isDirectory(lib)) {
            try (Stream<Path> pythons = Files.list(lib)) {
                found = pythons.map(p -> p.resolve("site-packages/openvino/libs"))
                        .filter(Files::isDirectory)
                        .findFirst();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (found.isEmpty()) {
            String reason = "OpenVINO libraries not found under " + lib
                    + "/python3*/site-packages/openvino/libs; run bin/test (it installs python/requirements-test.txt)"
                    + " or set OPENVINO_LIB_DIR";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            assumeTrue(false, reason);
        }
        return found.get();
    }

    /**
     * A backend over those libraries.
     *
     * @return the backend
     */
    public static OpenVinoBackend backend() {
        return OpenVinoBackend.create(Optional.of(libDir()));
    }
}

package io.mlops.agent.backend.openvino;

import com.sun.jna.Native;
import io.mlops.error.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The loaded OpenVINO C library and the one rule for its status codes: anything but OK becomes a
 * {@link UserError} that says what was being done and OpenVINO's own message.
 */
final class OpenVinoRuntime {
    /** The environment variable naming the directory that holds {@code libopenvino_c.so}. */
    static final String LIB_DIR_VARIABLE = "OPENVINO_LIB_DIR";

    final OpenVinoC api;
    /** Set once by {@link #load}, after the library answers. */
    ElementTypes types;

    private OpenVinoRuntime(OpenVinoC api) {
        this.api = api;
    }

    /**
     * Loads {@code libopenvino_c} from a directory (the {@code openvino/libs} folder of the PyPI wheel, or
     * {@code runtime/lib/intel64} of an OpenVINO archive), or from the system's library path.
     *
     * @param libDir the directory, or empty to use {@code $OPENVINO_LIB_DIR} and then the library path
     * @return the runtime
     * @throws UserError when the library is not found or does not load, saying where it looked
     */
    static OpenVinoRuntime load(Optional<Path> libDir) {
        Optional<Path> dir = libDir.or(() -> Optional.ofNullable(System.getenv(LIB_DIR_VARIABLE))
                .filter(s -> !s.isBlank())
                .map(Path::of));
        String library = dir.map(OpenVinoRuntime::libraryFile).orElse("openvino_c");
        OpenVinoRuntime runtime;
        try {
            runtime = new OpenVinoRuntime(Native.load(library, OpenVinoC.class));
        } catch (UnsatisfiedLinkError e) {
            throw new UserError("cannot load OpenVINO's C library "
                    + library
                    + (dir.isPresent()
                            ? ""
                            : " (set " + LIB_DIR_VARIABLE + " to the directory holding libopenvino_c.so)")
                    + ": " + e.getMessage());
        }
        runtime.types = ElementTypes.probe(runtime);
        return runtime;
    }

    private static String libraryFile(Path dir) {
        // the wheel ships only the versioned name (libopenvino_c.so.2641); prefer the plain one when present
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("libopenvino_c.so"))
                    .min(Comparator.comparingInt(f -> f.getFileName().toString().length()))
                    .map(f -> f.toAbsolutePath().toString())
                    .orElseThrow(() -> new UserError("no libopenvino_c.so* in " + dir + " (" + LIB_DIR_VARIABLE + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list OpenVINO library directory " + dir, e);
        }
    }

    /**
     * Fails when an OpenVINO call did not succeed.
     *
     * @param status the call's {@code ov_status_e}
     * @param what what was being done, e.g. {@code read model /m/1/model.onnx}
     * @throws UserError with OpenVINO's message
     */
    void check(int status, String what) {
        if (status != 0) {
            String detail = api.ov_get_last_err_msg();
            if (detail == null || detail.isBlank()) {
                detail = api.ov_get_error_info(status);
            }
            throw new UserError("OpenVINO cannot " + what + ": " + detail.strip());
        }
    }

    /**
     * The runtime's version.
     *
     * @return e.g. {@code 2026.4.1-...}
     */
    String version() {
        OpenVinoC.Version version = new OpenVinoC.Version();
        check(api.ov_get_openvino_version(version), "report its version");
        try {
            return version.buildNumber;
        } finally {
            api.ov_version_free(version);
        }
    }
}

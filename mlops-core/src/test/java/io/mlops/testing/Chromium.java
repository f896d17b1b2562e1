package io.mlops.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the Chromium the web UI tests drive headless: {@code $CHROMIUM}, else the usual install
 * paths. As with {@link Peers}, a missing browser skips the test with the reason outside CI and
 * fails it under CI ({@code CI=true}), so CI can never pass without running it.
 */
public final class Chromium {
    private static final List<String> CANDIDATES = List.of(
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable");

    private Chromium() {}

    /**
     * The Chromium executable.
     *
     * @return its path
     */
    public static Path program() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            Path program = Path.of(configured);
            if (Files.isExecutable(program)) {
                return program;
            }
        }
        for (String candidate : CANDIDATES) {
            Path program = Path.of(candidate);
            if (Files.isExecutable(program)) {
                return program;
            }
        }
        String reason = "Chromium not found (set CHROMIUM or install Debian's chromium package); tried " + CANDIDATES;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason);
        }
        assumeTrue(false, reason);
        return null;
    }

    /**
     * The arguments that run Chromium headless in a container: no sandbox (tests run as root
     * there), no GPU, and a profile of its own so parallel runs never share one.
     *
     * @param profile an empty directory for the browser profile
     * @return the arguments, to follow the program
     */
    public static List<String> headless(Path profile) {
        return List.of(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath());
    }
}

package io.mlops.hardware;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program the probe (or any host-side sampler) asks, with a time limit: a tool that hangs (a
 * wedged GPU driver makes {@code nvidia-smi} do that) is killed with its children, and a missing one is
 * a note, never an exception. The one place the suite runs such tools.
 */
public final class ExternalTool {
    private ExternalTool() {}

    /**
     * What a run of a tool gave.
     *
     * @param output standard output where the tool exited with 0, else null
     * @param note why there is no output (e.g. {@code nvidia-smi: not found}), else null
     */
    public record Answer(String output, String note) {
        private static final String NOT_FOUND = ": not found";

        /**
         * Whether the program is not installed at all (rather than failing or hanging).
         *
         * @return true when it could not be started
         */
        public boolean notFound() {
            return output == null && note != null && note.endsWith(NOT_FOUND);
        }
    }

    /**
     * Runs a command and waits for it, at most {@code timeout}.
     *
     * @param command the program and its arguments
     * @param timeout how long to wait before killing it
     * @return the output, or the note saying why there is none
     */
    public static Answer run(List<String> command, Duration timeout) {
        String name = Path.of(command.getFirst()).getFileName().toString();
        Path out = null;
        Path err = null;
        try {
            // files instead of pipes: a tool that writes much and a reader that waits cannot block each other
            out = Files.createTempFile("mlops-probe-", ".out");
            err = Files.createTempFile("mlops-probe-", ".err");
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(
                                Path.of("/dev/null").toFile()))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
            } catch (IOException e) {
                return new Answer(null, name + Answer.NOT_FOUND);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Answer(null, name + ": no answer within " + timeout.toMillis() + " ms, stopped");
            }
            if (process.exitValue() != 0) {
                String said = (Files.readString(err, StandardCharsets.UTF_8) + "\n"
                                + Files.readString(out, StandardCharsets.UTF_8))
                        .strip()
                        .lines()
                        .findFirst()
                        .orElse("");
                return new Answer(null, name + ": exit " + process.exitValue() + (said.isEmpty() ? "" : ": " + said));
            }
            return new Answer(Files.readString(out, StandardCharsets.UTF_8), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, name + ": interrupted");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind is harmless; the answer matters more
            }
        }
    }
}

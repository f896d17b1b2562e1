package io.mlops.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real external program in tests and captures what it printed. */
public final class Processes {
    private Processes() {}

    /**
     * What a program did.
     *
     * @param exitCode its exit status
     * @param output stdout and stderr together
     */
    public record Result(int exitCode, String output) {}

    /**
     * Runs a command to completion (at most five minutes).
     *
     * @param directory the working directory
     * @param command the program and its arguments
     * @return exit status and output
     */
    public static Result run(Path directory, List<String> command) {
        return run(directory, command, java.util.Map.of());
    }

    /**
     * Runs a command to completion (at most five minutes) with more environment variables.
     *
     * @param directory the working directory
     * @param command the program and its arguments
     * @param environment variables to add, e.g. an S3 endpoint and keys
     * @return exit status and output
     */
    public static Result run(Path directory, List<String> command, java.util.Map<String, String> environment) {
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
            builder.environment().put("DVC_NO_ANALYTICS", "1");
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }
}

package io.mlops.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractStringAssert;

/** The real {@code dvc} command (dvc 3 from PyPI), run in a repository, for interoperability tests. */
final class DvcCli {
    private final Path dvc = Peers.program("dvc");

    /**
     * Creates a DVC repository without Git.
     *
     * @param repo the directory to create
     * @return the directory
     */
    Path init(Path repo) throws IOException {
        Files.createDirectories(repo);
        run(repo, "init", "--no-scm", "-q");
        return repo;
    }

    /**
     * Runs {@code dvc} and asserts that it succeeded.
     *
     * @param repo where to run it
     * @param args its arguments
     * @return an assertion on its output
     */
    AbstractStringAssert<?> run(Path repo, String... args) {
        Processes.Result result = exec(repo, args);
        assertThat(result.exitCode())
                .as("dvc %s:%n%s", String.join(" ", args), result.output())
                .isZero();
        return assertThat(result.output());
    }

    /**
     * Runs {@code dvc} whatever its exit status.
     *
     * @param repo where to run it
     * @param args its arguments
     * @return its exit status and output
     */
    Processes.Result exec(Path repo, String... args) {
        List<String> command = new ArrayList<>(List.of(dvc.toString()));
        command.addAll(List.of(args));
        return Processes.run(repo, command);
    }

    /**
     * Deletes a directory tree (read-only files included, as DVC leaves them).
     *
     * @param root the tree
     */
    static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

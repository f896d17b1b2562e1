package io.mlops.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.labels.Cli;
import io.mlops.json.Json;
import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops data show|diff} take a {@code .dvc} file written by the real {@code dvc add}. */
class DataShowPointerTest {
    @TempDir
    Path dir;

    private Cli cli;
    private Path repo;

    @BeforeEach
    void repository() throws IOException {
        cli = new Cli(dir.resolve("home"));
        repo = Files.createDirectories(dir.resolve("repo"));
        dvc("init", "--no-scm", "-q");
        Files.createDirectories(repo.resolve("data/images"));
        Files.writeString(repo.resolve("data/images/0.png"), "image 0");
        Files.writeString(repo.resolve("data/labels.csv"), "0,cat\n");
        dvc("add", "data");
    }

    @Test
    void shouldShowTheFilesOfADvcFileTheSuiteNeverSnapshotted() throws IOException {
        Path pointer = repo.resolve("data.dvc");

        Cli.Run run = cli.run("data", "show", pointer.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("not snapshotted by the suite here")
                .contains("images/0.png")
                .contains("labels.csv")
                .containsPattern("object: +[0-9a-f]{32}\\.dir");
        JsonNode json = Json.mapper()
                .readTree(cli.run("--json", "data", "show", pointer.toString()).out());
        assertThat(json.get("snapshot").isNull()).isTrue();
        assertThat(json.get("files")).hasSize(2);
    }

    @Test
    void shouldShowTheRecordOfADvcFileTheSuiteSnapshotted() {
        assertThat(cli.run("data", "snapshot", repo.resolve("data").toString(), "--name", "v1")
                        .status())
                .isZero();

        Cli.Run run = cli.run("data", "show", repo.resolve("data.dvc").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("names:      v1").contains("images/0.png");
    }

    @Test
    void shouldDiffTwoDvcFiles() throws IOException {
        Path old = Files.copy(
                repo.resolve("data.dvc"),
                Files.createDirectories(repo.resolve("old")).resolve("data.dvc"));
        Files.writeString(repo.resolve("data/labels.csv"), "0,dog\n");
        dvc("add", "data");

        Cli.Run run =
                cli.run("data", "diff", old.toString(), repo.resolve("data.dvc").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("modified labels.csv").contains("0 added, 0 removed, 1 modified");
    }

    @Test
    void shouldNameAMissingDvcFile() {
        Cli.Run run = cli.run("data", "show", dir.resolve("missing.dvc").toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("no such DVC file: " + dir.resolve("missing.dvc"));
    }

    private void dvc(String... args) {
        List<String> command =
                new java.util.ArrayList<>(List.of(Peers.program("dvc").toString()));
        command.addAll(List.of(args));
        Processes.Result result = Processes.run(repo, command);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}

package io.mlops.data;

import static io.mlops.data.SnapshotsTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.home.SuiteHome;
import io.mlops.progress.ProgressListener;
import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interoperability with the real {@code dvc} command (dvc 3 from PyPI). */
class DvcRoundTripTest {
    @TempDir
    Path tmp;

    private Path dvc;
    private Snapshots snapshots;

    @BeforeEach
    void setUp() {
        dvc = Peers.program("dvc");
        snapshots = Snapshots.open(new SuiteHome(tmp.resolve("home")));
    }

    @Test
    void shouldLetDvcSeeTheDataUpToDateAndRestoreItAfterDeletion() throws IOException {
        Path repo = dvcRepo("repo");
        Path data = sampleData(repo.resolve("data"));

        SnapshotResult result = snapshots.take(data, request("sample", null), ProgressListener.NONE);

        assertThat(result.pointerFile()).isEqualTo(repo.resolve("data.dvc").toString());
        assertThat(repo.resolve(".dvc/cache")
                        .resolve(result.snapshot().objectId().cachePath()))
                .isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(repo.resolve(".dvc/cache")
                        .resolve(result.snapshot().objectId().cachePath()))))
                .isEqualTo("r--r--r--");
        assertDvc(repo, "status").contains("Data and pipelines are up to date");

        deleteTree(data);
        assertDvc(repo, "checkout", "data.dvc");

        assertThat(data.resolve("images/0.png")).hasContent("image 0");
        assertThat(data.resolve("labels/ünïcode \"quoted\".txt")).hasContent("label");
        assertThat(data.resolve("empty.txt")).isEmptyFile();
        assertDvc(repo, "status").contains("Data and pipelines are up to date");
    }

    @Test
    void shouldWriteThePointerFileAndObjectsThatDvcAddWrites() throws IOException {
        Path ours = dvcRepo("ours");
        Path theirs = dvcRepo("theirs");
        sampleData(ours.resolve("data"));
        sampleData(theirs.resolve("data"));

        snapshots.take(ours.resolve("data"), request(null, null), ProgressListener.NONE);
        assertDvc(theirs, "add", "data");

        assertThat(ours.resolve("data.dvc")).hasSameTextualContentAs(theirs.resolve("data.dvc"));
        assertThat(relativeFiles(ours.resolve(".dvc/cache/files")))
                .isEqualTo(relativeFiles(theirs.resolve(".dvc/cache/files")));
    }

    @Test
    void shouldReadPointerFilesThatDvcWrote() throws IOException {
        Path repo = dvcRepo("repo");
        Path data = sampleData(repo.resolve("data"));
        assertDvc(repo, "add", "data");
        // as `git show HEAD~1:data.dvc > old/data.dvc` would keep the previous version
        Path before = Files.copy(
                repo.resolve("data.dvc"),
                Files.createDirectories(repo.resolve("old")).resolve("data.dvc"));
        Files.writeString(data.resolve("images/1.png"), "image 1, relabelled");
        assertDvc(repo, "add", "data");

        SnapshotDiff diff =
                snapshots.diff(before.toString(), repo.resolve("data.dvc").toString());

        assertThat(diff.changes())
                .containsExactly(new SnapshotDiff.Change("images/1.png", SnapshotDiff.Kind.MODIFIED, 7, 19));
    }

    @Test
    void shouldUseTheCacheDirectoryDvcIsConfiguredWith() throws IOException {
        Path repo = dvcRepo("repo");
        Path shared = tmp.resolve("shared-cache");
        assertDvc(repo, "cache", "dir", shared.toString());
        sampleData(repo.resolve("data"));

        SnapshotResult result = snapshots.take(repo.resolve("data"), request(null, null), ProgressListener.NONE);

        assertThat(shared.resolve(result.snapshot().objectId().cachePath())).isRegularFile();
        assertDvc(repo, "status").contains("Data and pipelines are up to date");
    }

    private Path dvcRepo(String name) throws IOException {
        Path repo = Files.createDirectories(tmp.resolve(name));
        assertDvc(repo, "init", "--no-scm", "-q");
        return repo;
    }

    private static Path sampleData(Path data) throws IOException {
        Files.createDirectories(data.resolve("images"));
        Files.createDirectories(data.resolve("labels"));
        for (int i = 0; i < 5; i++) {
            Files.writeString(data.resolve("images/" + i + ".png"), "image " + i);
        }
        Files.writeString(data.resolve("labels/ünïcode \"quoted\".txt"), "label");
        Files.writeString(data.resolve("empty.txt"), "");
        return data;
    }

    private org.assertj.core.api.AbstractStringAssert<?> assertDvc(Path repo, String... args) {
        List<String> command = new ArrayList<>(List.of(dvc.toString()));
        command.addAll(List.of(args));
        Processes.Result result = Processes.run(repo, command);
        assertThat(result.exitCode())
                .as("dvc %s:%n%s", String.join(" ", args), result.output())
                .isZero();
        return assertThat(result.output());
    }

    private static List<String> relativeFiles(Path root) throws IOException {
        return SnapshotsTest.filesUnder(root).stream()
                .map(p -> root.relativize(p).toString())
                .toList();
    }

    private static void deleteTree(Path root) throws IOException {
        for (Path p : SnapshotsTest.filesUnder(root)) {
            Files.delete(p);
        }
        try (var walk = Files.walk(root)) {
            for (Path dir : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(dir);
            }
        }
    }
}

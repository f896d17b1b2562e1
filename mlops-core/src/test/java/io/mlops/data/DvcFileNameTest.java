package io.mlops.data;

import static io.mlops.data.SnapshotsTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.home.SuiteHome;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File names DVC keeps as they are: a backslash is part of a name on Linux, not a separator. */
class DvcFileNameTest {
    private static final String NAME = "a\\b.txt";

    @TempDir
    Path tmp;

    private final DvcCli dvc = new DvcCli();
    private Snapshots snapshots;

    @BeforeEach
    void setUp() {
        snapshots = Snapshots.open(new SuiteHome(tmp.resolve("home")));
    }

    @Test
    void shouldKeepABackslashInAFileNameThroughSnapshotCheckoutAndDvc() throws IOException {
        Path ours = withBackslashName(dvc.init(tmp.resolve("ours")));
        Path theirs = withBackslashName(dvc.init(tmp.resolve("theirs")));
        Path data = ours.resolve("data");

        SnapshotResult result = snapshots.take(data, request(null, null), ProgressListener.NONE);
        dvc.run(theirs, "add", "data");

        assertThat(snapshots.resolve(result.snapshot().id()).manifest().entries())
                .extracting(ManifestEntry::path)
                .containsExactly(NAME, "sub/c.txt");
        assertThat(ours.resolve("data.dvc")).hasSameTextualContentAs(theirs.resolve("data.dvc"));

        Path restored = tmp.resolve("restored");
        snapshots.checkout(result.snapshot().id(), restored, false, 2, ProgressListener.NONE);
        assertThat(restored.resolve(NAME)).isRegularFile().hasContent("backslash");
        assertThat(restored.resolve("a")).doesNotExist();

        DvcCli.deleteTree(data);
        dvc.run(ours, "checkout", "data.dvc");
        assertThat(data.resolve(NAME)).isRegularFile().hasContent("backslash");
        dvc.run(ours, "status").contains("Data and pipelines are up to date");
    }

    @Test
    void shouldLetDvcPullABackslashNameTheSuitePushed() throws IOException {
        Path ours = withBackslashName(dvc.init(tmp.resolve("ours")));
        Path remote = tmp.resolve("remote");
        SnapshotResult result = snapshots.take(ours.resolve("data"), request(null, null), ProgressListener.NONE);
        snapshots.push(result.snapshot().id(), new DirectoryRemote(remote), ProgressListener.NONE);

        Path clone = dvc.init(tmp.resolve("clone"));
        Files.copy(ours.resolve("data.dvc"), clone.resolve("data.dvc"));
        dvc.run(clone, "remote", "add", "-d", "origin", remote.toString());
        dvc.run(clone, "pull");

        assertThat(clone.resolve("data").resolve(NAME)).isRegularFile().hasContent("backslash");
        assertThat(clone.resolve("data/a")).doesNotExist();
    }

    private static Path withBackslashName(Path repo) throws IOException {
        Path data = Files.createDirectories(repo.resolve("data/sub"));
        Files.writeString(repo.resolve("data").resolve(NAME), "backslash");
        Files.writeString(data.resolve("c.txt"), "c");
        return repo;
    }
}

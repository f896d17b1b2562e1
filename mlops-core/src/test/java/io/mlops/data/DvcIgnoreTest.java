package io.mlops.data;

import static io.mlops.data.SnapshotsTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.home.SuiteHome;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .dvcignore} is honoured as the real {@code dvc add} honours it. */
class DvcIgnoreTest {
    @TempDir
    Path tmp;

    private final DvcCli dvc = new DvcCli();
    private Snapshots snapshots;

    @BeforeEach
    void setUp() {
        snapshots = Snapshots.open(new SuiteHome(tmp.resolve("home")));
    }

    @Test
    void shouldLeaveOutWhatDvcIgnoresSoDvcStatusIsCleanAndTheHashIsDvcAdds() throws IOException {
        Path ours = withIgnoredFiles(dvc.init(tmp.resolve("ours")));
        Path theirs = withIgnoredFiles(dvc.init(tmp.resolve("theirs")));

        SnapshotResult result =
                snapshots.take(ours.resolve("datasets/data"), request(null, null), ProgressListener.NONE);
        dvc.run(theirs, "add", "datasets/data");

        assertThat(snapshots.resolve(result.snapshot().id()).manifest().entries())
                .extracting(ManifestEntry::path)
                .containsExactly("a.txt", "important.log", "raw/2.csv", "raw/debug.log", "raw/keep.bak");
        dvc.run(ours, "status").contains("Data and pipelines are up to date");
        assertThat(ours.resolve("datasets/data.dvc")).hasSameTextualContentAs(theirs.resolve("datasets/data.dvc"));
        // ignored files were never read: no object of theirs is in the cache
        assertThat(ours.resolve(".dvc/cache")
                        .resolve(ObjectId.ofFile(md5("debug output\n")).cachePath()))
                .doesNotExist();
    }

    @Test
    void shouldRefuseADvcIgnoreInsideTheDataAsDvcDoes() throws IOException {
        Path repo = dvc.init(tmp.resolve("repo"));
        Path data = Files.createDirectories(repo.resolve("data"));
        Files.writeString(data.resolve("a.txt"), "a");
        Files.writeString(data.resolve(".dvcignore"), "*.log\n");

        assertThatThrownBy(() -> snapshots.take(data, request(null, null), ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(".dvcignore file should not be in the data")
                .hasMessageContaining(data.resolve(".dvcignore").toString());
        assertThat(dvc.exec(repo, "add", "data").exitCode()).isNotZero();
        assertThat(repo.resolve("data.dvc")).doesNotExist();
    }

    @Test
    void shouldApplyNoRulesOutsideADvcRepository() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("plain/data"));
        Files.writeString(tmp.resolve("plain/.dvcignore"), "*.log\n");
        Files.writeString(data.resolve("a.txt"), "a");
        Files.writeString(data.resolve("b.log"), "b");

        SnapshotResult result = snapshots.take(data, request(null, null), ProgressListener.NONE);

        assertThat(snapshots.resolve(result.snapshot().id()).manifest().entries())
                .extracting(ManifestEntry::path)
                .containsExactly("a.txt", "b.log");
    }

    /**
     * A repository whose root {@code .dvcignore} ignores logs (but one) and a directory, and whose
     * {@code datasets/.dvcignore} ignores backups (but one) and re-includes a log the root ignores.
     */
    private static Path withIgnoredFiles(Path repo) throws IOException {
        Path data = repo.resolve("datasets/data");
        write(data.resolve("a.txt"), "a\n");
        write(data.resolve("b.log"), "b\n");
        write(data.resolve("important.log"), "important\n");
        write(data.resolve("tmp/x.txt"), "in an ignored directory\n");
        write(data.resolve("raw/1.bak"), "backup\n");
        write(data.resolve("raw/keep.bak"), "kept backup\n");
        write(data.resolve("raw/2.csv"), "x,y\n");
        write(data.resolve("raw/debug.log"), "debug\n");
        write(data.resolve("raw/noise.log"), "debug output\n");
        write(repo.resolve(".dvcignore"), "*.log\n!important.log\ntmp/\n");
        write(repo.resolve("datasets/.dvcignore"), "data/raw/*.bak\n!data/raw/keep.bak\n!data/raw/debug.log\n");
        return repo;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static byte[] md5(String content) {
        return ObjectCache.md5().digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

package io.mlops.data;

import static io.mlops.data.SnapshotsTest.filesUnder;
import static io.mlops.data.SnapshotsTest.md5;
import static io.mlops.data.SnapshotsTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.home.SuiteHome;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckoutTest {
    @TempDir
    Path tmp;

    private Path data;
    private SuiteHome home;
    private Snapshots snapshots;
    private String id;

    @BeforeEach
    void setUp() throws IOException {
        data = Files.createDirectories(tmp.resolve("data/nested"));
        data = data.getParent();
        home = new SuiteHome(tmp.resolve("home"));
        snapshots = Snapshots.open(home);
        Files.writeString(data.resolve("a.txt"), "alpha");
        Files.writeString(data.resolve("nested/b.txt"), "beta");
        id = snapshots
                .take(data, request("ab", null), ProgressListener.NONE)
                .snapshot()
                .id();
    }

    @Test
    void shouldRestoreEveryFileIntoAnEmptyDestination() {
        Path dest = tmp.resolve("dest");

        CheckoutResult result = snapshots.checkout("ab", dest, false, 2, ProgressListener.NONE);

        assertThat(result).isEqualTo(new CheckoutResult(2, 0));
        assertThat(dest.resolve("a.txt")).hasContent("alpha");
        assertThat(dest.resolve("nested/b.txt")).hasContent("beta");
        assertThat(dest.resolve("a.txt")).isWritable();
    }

    @Test
    void shouldLeaveUpToDateFilesAndKeepFilesTheSnapshotLacks() throws IOException {
        Path dest = tmp.resolve("dest");
        snapshots.checkout(id, dest, false, 2, ProgressListener.NONE);
        Files.writeString(dest.resolve("mine.txt"), "keep me");
        Files.delete(dest.resolve("nested/b.txt"));

        CheckoutResult result = snapshots.checkout(id, dest, false, 2, ProgressListener.NONE);

        assertThat(result).isEqualTo(new CheckoutResult(1, 1));
        assertThat(dest.resolve("mine.txt")).hasContent("keep me");
    }

    @Test
    void shouldRefuseToOverwriteAChangedFileUnlessForced() throws IOException {
        Path dest = tmp.resolve("dest");
        snapshots.checkout(id, dest, false, 2, ProgressListener.NONE);
        Files.writeString(dest.resolve("a.txt"), "my local edit");
        Files.delete(dest.resolve("nested/b.txt"));

        assertThatThrownBy(() -> snapshots.checkout(id, dest, false, 2, ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(dest.resolve("a.txt").toString())
                .hasMessageContaining("nothing was written")
                .hasMessageContaining("--force");
        assertThat(dest.resolve("a.txt")).hasContent("my local edit");
        assertThat(dest.resolve("nested/b.txt")).doesNotExist();

        snapshots.checkout(id, dest, true, 2, ProgressListener.NONE);
        assertThat(dest.resolve("a.txt")).hasContent("alpha");
        assertThat(dest.resolve("nested/b.txt")).hasContent("beta");
    }

    @Test
    void shouldDetectACorruptObjectAndNameIt() throws IOException {
        Path object = home.cache().resolve(new ObjectId(md5("beta"), false).cachePath());
        Files.setPosixFilePermissions(object, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(object, "bitrot");
        Path dest = tmp.resolve("dest");

        assertThatThrownBy(() -> snapshots.checkout(id, dest, false, 1, ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("corrupt object " + object)
                .hasMessageContaining(md5("beta"));
        assertThat(dest.resolve("nested/b.txt")).doesNotExist();
        assertThat(filesUnder(dest)).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void shouldRejectManifestPathsThatEscapeTheDestination() throws IOException {
        for (String evil : List.of("../escaped.txt", "/tmp/absolute.txt", "ok/../../escaped.txt")) {
            Manifest manifest = Manifest.of(List.of(new ManifestEntry(evil, md5("alpha"), 5)));
            ObjectCache cache = new ObjectCache(home.cache());
            cache.put(manifest.objectId(), manifest.dirObject());
            Path pointer = tmp.resolve("evil.dvc");
            new DvcPointer(manifest.objectId(), 5, 1, "evil").write(pointer);
            Path dest = tmp.resolve("dest");

            assertThatThrownBy(() -> snapshots.checkout(pointer.toString(), dest, false, 1, ProgressListener.NONE))
                    .as(evil)
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("'" + evil + "'");
            assertThat(tmp.resolve("escaped.txt")).doesNotExist();
            assertThat(dest).doesNotExist();
        }
    }

    @Test
    void shouldRejectAPointerFileWhosePathEscapes() throws IOException {
        Path pointer = tmp.resolve("bad.dvc");
        Files.writeString(
                pointer,
                "outs:\n- md5: " + md5("alpha") + "\n  size: 5\n  hash: md5\n  path: ../../etc/passwd\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> DvcPointer.read(pointer))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("DVC file " + pointer)
                .hasMessageContaining("'../../etc/passwd'");
    }

    @Test
    void shouldRestoreASingleFileSnapshotIntoADirectory() throws IOException {
        String fileId = snapshots
                .take(data.resolve("a.txt"), request("a", null), ProgressListener.NONE)
                .snapshot()
                .id();
        Path dest = Files.createDirectories(tmp.resolve("dest"));

        snapshots.checkout(fileId, dest, false, 1, ProgressListener.NONE);

        assertThat(dest.resolve("a.txt")).hasContent("alpha");
    }
}

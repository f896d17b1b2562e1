package io.mlops.data;

import static io.mlops.data.SnapshotsTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.mlops.error.UserError;
import io.mlops.home.SuiteHome;
import io.mlops.progress.ProgressListener;
import io.mlops.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DVC's {@code cache.type} on snapshot and checkout, checked against the real {@code dvc}. */
class CacheTypeTest {
    @TempDir
    Path tmp;

    private final DvcCli dvc = new DvcCli();
    private Snapshots snapshots;

    @BeforeEach
    void setUp() {
        snapshots = Snapshots.open(new SuiteHome(tmp.resolve("home")));
    }

    @Test
    void shouldHardLinkTheWorkspaceIntoTheCacheAndProtectItAsDvcAddDoes() throws IOException {
        Path repo = repoWithData("ours", "hardlink");
        Path theirs = repoWithData("theirs", "hardlink");

        SnapshotResult result = snapshots.take(repo.resolve("data"), request(null, null), ProgressListener.NONE);
        dvc.run(theirs, "add", "data");

        assertThat(repo.resolve("data.dvc")).hasSameTextualContentAs(theirs.resolve("data.dvc"));
        for (String name : List.of("a.txt", "sub/b.txt")) {
            assertLinkedReadOnly(repo, repo.resolve("data").resolve(name));
            // dvc add leaves the same: one inode, read-only
            assertLinkedReadOnly(theirs, theirs.resolve("data").resolve(name));
        }
        dvc.run(repo, "status").contains("Data and pipelines are up to date");

        DvcCli.deleteTree(repo.resolve("data"));
        snapshots.checkout(result.snapshot().id(), repo.resolve("data"), false, 2, ProgressListener.NONE);

        assertLinkedReadOnly(repo, repo.resolve("data/a.txt"));
        assertLinkedReadOnly(repo, repo.resolve("data/sub/b.txt"));
        dvc.run(repo, "status").contains("Data and pipelines are up to date");
        // dvc unprotect turns the link back into a writable copy, and the cache object is untouched
        dvc.run(repo, "unprotect", "data/a.txt");
        Files.writeString(repo.resolve("data/a.txt"), "changed");
        assertThat(cacheObject(repo, "a")).hasContent("a");
    }

    @Test
    void shouldReplaceWorkspaceFilesBySymbolicLinksToTheCache() throws IOException {
        Path repo = repoWithData("ours", "symlink");

        SnapshotResult result = snapshots.take(repo.resolve("data"), request(null, null), ProgressListener.NONE);

        assertThat(Files.readSymbolicLink(repo.resolve("data/a.txt"))).isEqualTo(cacheObject(repo, "a"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheObject(repo, "a"))))
                .isEqualTo("r--r--r--");
        dvc.run(repo, "status").contains("Data and pipelines are up to date");

        // a second snapshot reads the data through the links and changes nothing
        SnapshotResult again = snapshots.take(repo.resolve("data"), request(null, null), ProgressListener.NONE);
        assertThat(again.snapshot().id()).isEqualTo(result.snapshot().id());

        DvcCli.deleteTree(repo.resolve("data"));
        snapshots.checkout(result.snapshot().id(), repo.resolve("data"), false, 2, ProgressListener.NONE);
        assertThat(Files.readSymbolicLink(repo.resolve("data/sub/b.txt"))).isEqualTo(cacheObject(repo, "b"));
        assertThat(repo.resolve("data/sub/b.txt")).hasContent("b");
        // checking out again over the links finds them up to date
        assertThat(snapshots
                        .checkout(result.snapshot().id(), repo.resolve("data"), false, 2, ProgressListener.NONE)
                        .written())
                .isZero();
        dvc.run(repo, "status").contains("Data and pipelines are up to date");
    }

    @Test
    void shouldLeaveWritableCopiesWithCopy() throws IOException {
        Path repo = repoWithData("ours", "copy");

        SnapshotResult result = snapshots.take(repo.resolve("data"), request(null, null), ProgressListener.NONE);

        assertWritableCopy(repo, repo.resolve("data/a.txt"));
        DvcCli.deleteTree(repo.resolve("data"));
        snapshots.checkout(result.snapshot().id(), repo.resolve("data"), false, 2, ProgressListener.NONE);
        assertWritableCopy(repo, repo.resolve("data/a.txt"));
        dvc.run(repo, "status").contains("Data and pipelines are up to date");
    }

    @Test
    void shouldFallFromReflinkToTheNextTypeWhereTheFileSystemCannotClone() throws IOException {
        assumeFalse(reflinksWork(), "this file system can clone; the fall-through cannot be seen here");
        Path repo = repoWithData("ours", "reflink,hardlink");
        Path theirs = repoWithData("theirs", "reflink,hardlink");

        SnapshotResult result = snapshots.take(repo.resolve("data"), request(null, null), ProgressListener.NONE);
        DvcCli.deleteTree(repo.resolve("data"));
        snapshots.checkout(result.snapshot().id(), repo.resolve("data"), false, 2, ProgressListener.NONE);
        dvc.run(theirs, "add", "data");
        DvcCli.deleteTree(theirs.resolve("data"));
        dvc.run(theirs, "checkout", "data.dvc");

        assertLinkedReadOnly(repo, repo.resolve("data/a.txt"));
        assertLinkedReadOnly(theirs, theirs.resolve("data/a.txt"));
        dvc.run(repo, "status").contains("Data and pipelines are up to date");
    }

    @Test
    void shouldRefuseACheckoutNoConfiguredTypeCanDo() throws IOException {
        assumeFalse(reflinksWork(), "this file system can clone");
        Path repo = repoWithData("ours", "copy");
        SnapshotResult result = snapshots.take(repo.resolve("data"), request(null, null), ProgressListener.NONE);
        dvc.run(repo, "config", "cache.type", "reflink");

        assertThatThrownBy(() -> snapshots.checkout(
                        result.snapshot().id(), repo.resolve("restored"), false, 2, ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no cache type of 'reflink' works for " + repo.resolve("restored"))
                .hasMessageContaining("add copy to cache.type");
        assertThat(repo.resolve("restored/a.txt")).doesNotExist();
    }

    @Test
    void shouldReadTheCacheTypeAsDvcDoesWithTheLocalConfigWinning() throws IOException {
        Path repo = dvc.init(tmp.resolve("repo"));
        assertThat(DvcRepository.containing(repo).orElseThrow().cacheTypes()).isEqualTo(CacheTypes.DEFAULT);

        dvc.run(repo, "config", "cache.type", "reflink,symlink");
        assertThat(DvcRepository.containing(repo).orElseThrow().cacheTypes().types())
                .containsExactly(LinkType.REFLINK, LinkType.SYMLINK);

        dvc.run(repo, "config", "--local", "cache.type", "hardlink");
        assertThat(DvcRepository.containing(repo).orElseThrow().cacheTypes().types())
                .containsExactly(LinkType.HARDLINK);

        Files.writeString(repo.resolve(".dvc/config.local"), "[cache]\n    type = hardlnk\n");
        assertThatThrownBy(() -> DvcRepository.containing(repo).orElseThrow().cacheTypes())
                .isInstanceOf(UserError.class)
                .hasMessageContaining("unknown cache type 'hardlnk'");
    }

    private Path repoWithData(String name, String cacheType) throws IOException {
        Path repo = dvc.init(tmp.resolve(name));
        dvc.run(repo, "config", "cache.type", cacheType);
        Files.createDirectories(repo.resolve("data/sub"));
        Files.writeString(repo.resolve("data/a.txt"), "a");
        Files.writeString(repo.resolve("data/sub/b.txt"), "b");
        return repo;
    }

    private static Path cacheObject(Path repo, String content) {
        byte[] digest = ObjectCache.md5().digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return repo.resolve(".dvc/cache").resolve(ObjectId.ofFile(digest).cachePath());
    }

    private static void assertLinkedReadOnly(Path repo, Path file) throws IOException {
        assertThat(Files.isSymbolicLink(file)).as("%s is a symbolic link", file).isFalse();
        assertThat(Files.isSameFile(file, cacheObject(repo, Files.readString(file))))
                .as("%s is the cache object's inode", file)
                .isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("r--r--r--");
    }

    private static void assertWritableCopy(Path repo, Path file) throws IOException {
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(Files.isSameFile(file, cacheObject(repo, Files.readString(file))))
                .isFalse();
        assertThat(Files.isWritable(file)).isTrue();
    }

    private boolean reflinksWork() throws IOException {
        Path probe = Files.writeString(tmp.resolve("probe"), "probe");
        return Processes.run(
                                tmp,
                                List.of(
                                        "cp",
                                        "--reflink=always",
                                        probe.toString(),
                                        tmp.resolve("clone").toString()))
                        .exitCode()
                == 0;
    }
}

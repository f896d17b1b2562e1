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

class RemoteTest {
    @TempDir
    Path tmp;

    private Snapshots laptop;
    private Snapshots buildAgent;
    private Remote remote;
    private String id;

    @BeforeEach
    void setUp() throws IOException {
        laptop = Snapshots.open(new SuiteHome(tmp.resolve("laptop")));
        buildAgent = Snapshots.open(new SuiteHome(tmp.resolve("agent")));
        remote = new DirectoryRemote(tmp.resolve("remote"));
        Path data = Files.createDirectories(tmp.resolve("data/sub"));
        Files.writeString(data.resolve("one.txt"), "one");
        Files.writeString(data.resolve("two.txt"), "two");
        Files.writeString(data.resolve("copy-of-one.txt"), "one");
        id = laptop.take(data.getParent(), request("ds", null), ProgressListener.NONE)
                .snapshot()
                .id();
    }

    @Test
    void shouldPushInDvcRemoteLayoutAndPullOnAnotherMachine() {
        TransferResult pushed = laptop.push("ds", remote, ProgressListener.NONE);
        TransferResult again = laptop.push("ds", remote, ProgressListener.NONE);

        assertThat(pushed).isEqualTo(new TransferResult(3, 0));
        assertThat(again).isEqualTo(new TransferResult(0, 3));
        assertThat(tmp.resolve("remote").resolve(ObjectId.parse(id + ".dir").cachePath()))
                .isRegularFile();

        TransferResult pulled = buildAgent.pull(id, remote, null, ProgressListener.NONE);
        assertThat(pulled).isEqualTo(new TransferResult(3, 0));
        Path pointer = tmp.resolve("ds.dvc");
        new DvcPointer(ObjectId.parse(id + ".dir"), 9, 3, "ds").write(pointer);
        buildAgent.checkout(pointer.toString(), tmp.resolve("restored"), false, 2, ProgressListener.NONE);
        assertThat(tmp.resolve("restored/sub/two.txt")).hasContent("two");

        Snapshot known = buildAgent.find(id);
        assertThat(known.fileCount()).isEqualTo(3);
        assertThat(known.totalSize()).isEqualTo(9);
        buildAgent.checkout(id, tmp.resolve("by-id"), false, 2, ProgressListener.NONE);
        assertThat(tmp.resolve("by-id/sub/copy-of-one.txt")).hasContent("one");
    }

    @Test
    void shouldRefuseToPullWhatTheRemoteLacks() {
        assertThatThrownBy(() -> buildAgent.pull(id, remote, null, ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("holds no object " + id);
        assertThatThrownBy(() -> buildAgent.pull("ds", remote, null, ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("give its full id or its .dvc file");
    }
}

package io.mlops.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.data.SnapshotRequest;
import io.mlops.data.Snapshots;
import io.mlops.error.UserError;
import io.mlops.home.SuiteHome;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The id a poll computes is the id a snapshot of the same data records, and nothing is stored. */
class DataFingerprintTest {
    @TempDir
    Path dir;

    @Test
    void shouldComputeTheSnapshotIdOfADirectoryWithoutStoringIt() throws IOException {
        Path data = dataset();
        SuiteHome home = new SuiteHome(dir.resolve("home"));

        String polled = new DataFingerprint(dir.resolve("poll-state.db")).snapshotId(data);
        String recorded = Snapshots.open(home)
                .take(data, new SnapshotRequest(null, null, false, 2), ProgressListener.NONE)
                .snapshot()
                .id();

        assertThat(polled).isEqualTo(recorded);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("data", "home", "poll-state.db");
    }

    @Test
    void shouldComputeTheSnapshotIdOfASingleFile() throws IOException {
        Path file = Files.writeString(dir.resolve("table.csv"), "a,b\n1,2\n");

        String polled = new DataFingerprint(dir.resolve("poll-state.db")).snapshotId(file);
        String recorded = Snapshots.open(new SuiteHome(dir.resolve("home")))
                .take(file, new SnapshotRequest(null, null, false, 1), ProgressListener.NONE)
                .snapshot()
                .id();

        assertThat(polled).isEqualTo(recorded);
    }

    @Test
    void shouldSeeAChangedFileOnTheNextPoll() throws IOException {
        Path data = dataset();
        DataFingerprint fingerprint = new DataFingerprint(dir.resolve("poll-state.db"));
        String before = fingerprint.snapshotId(data);
        String again = fingerprint.snapshotId(data);

        Files.writeString(data.resolve("labels/a.txt"), "0 0.5 0.5 0.2 0.2\n1 0.1 0.1 0.1 0.1\n");
        String after = new DataFingerprint(dir.resolve("poll-state.db")).snapshotId(data);

        assertThat(again).isEqualTo(before);
        assertThat(DataPoll.decide(before, after).shouldBuild()).isTrue();
    }

    @Test
    void shouldNameAMissingPath() {
        Path missing = dir.resolve("nowhere");

        assertThatThrownBy(() -> new DataFingerprint(dir.resolve("poll-state.db")).snapshotId(missing))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("cannot poll " + missing);
    }

    private Path dataset() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/labels"));
        Files.writeString(data.resolve("a.txt"), "0 0.5 0.5 0.2 0.2\n");
        Files.writeString(data.resolve("b.txt"), "1 0.3 0.3 0.1 0.1\n");
        Files.write(dir.resolve("data/image.bin"), new byte[] {1, 2, 3, 4});
        return dir.resolve("data");
    }
}

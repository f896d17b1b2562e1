package io.mlops.labels.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.data.ObjectCache;
import io.mlops.data.ObjectId;
import io.mlops.data.SnapshotRequest;
import io.mlops.home.SuiteHome;
import io.mlops.labels.Fixtures;
import io.mlops.labels.check.CheckOptions;
import io.mlops.labels.format.LabelFormat;
import io.mlops.labels.format.LabelSource;
import io.mlops.progress.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A labeled snapshot split as a Jenkins build does it: captured where the data is (the agent's
 * home), sent back by serialization, recorded in another home (the controller's).
 */
class LabeledCaptureTest {
    @TempDir
    Path dir;

    private Path data;

    @BeforeEach
    void dataset() {
        data = Fixtures.copy("coco", dir);
        Fixtures.image(data.resolve("street.png"), 64, 48);
        Fixtures.image(data.resolve("park.png"), 80, 60);
        Fixtures.image(data.resolve("empty.png"), 32, 32);
    }

    @Test
    void shouldRecordOnTheControllerWhatTheAgentCaptured() throws Exception {
        SuiteHome agent = new SuiteHome(dir.resolve("agent-home"));
        LabeledSnapshots controller = LabeledSnapshots.open(new SuiteHome(dir.resolve("controller-home")));

        LabeledCapture captured = LabeledCapture.capture(
                agent,
                data,
                new SnapshotRequest("street", null, false, 2),
                labels(),
                CheckOptions.defaults(),
                ProgressListener.NONE);
        LabeledSnapshotResult recorded = controller.record(roundTrip(captured));

        assertThat(recorded.snapshot().snapshot().id())
                .isEqualTo(captured.snapshot().snapshot().id());
        assertThat(recorded.snapshot().created()).isTrue();
        assertThat(recorded.card().card()).isEqualTo(captured.scan().card());
        assertThat(controller.card("street").cardObject()).isEqualTo(captured.cardObject());
        ObjectCache agentCache = new ObjectCache(agent.cache());
        assertThat(agentCache.contains(new ObjectId(captured.cardObject(), false)))
                .isTrue();
    }

    @Test
    void shouldCaptureNothingWhenTheLabelsHaveErrors() throws IOException {
        Files.delete(data.resolve("park.png"));
        SuiteHome agent = new SuiteHome(dir.resolve("agent-home"));

        assertThatThrownBy(() -> LabeledCapture.capture(
                        agent,
                        data,
                        new SnapshotRequest("street", null, false, 2),
                        labels(),
                        CheckOptions.defaults(),
                        ProgressListener.NONE))
                .isInstanceOf(LabelsRejected.class)
                .hasMessageContaining("image-missing");
        assertThat(agent.cache()).doesNotExist();
    }

    private LabelSource labels() {
        return new LabelSource(LabelFormat.COCO, data.resolve("instances.json"), null);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
